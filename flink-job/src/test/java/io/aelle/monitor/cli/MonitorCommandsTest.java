package io.aelle.monitor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MonitorCommandsTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = AelleMonitorCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theMonitorCommandsAreRegisteredWithHelp() {
        String top = run("--help").out();
        assertTrue(top.contains("demo"), top);
        assertTrue(top.contains("run"), top);
        assertTrue(run("demo", "--help").out().contains("--keep-running"));
        assertTrue(run("run", "--help").out().contains("--bootstrap-servers"));
        assertTrue(run("bench", "stream", "--help").out().contains("--runs"));
    }

    @Test
    void usageErrorsAreOneLineWithExitStatusTwo() {
        Result r = run("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "synthetic-tiny", "--engine", "quantum");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown spectrum engine 'quantum'"), r.err());
        Result parallelism = run("run", "--bootstrap-servers", "127.0.0.1:1", "--parallelism", "0");
        assertEquals(2, parallelism.code());
        assertTrue(parallelism.err().contains("--parallelism"), parallelism.err());
        Result bundle = run("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "no-such-bundle");
        assertEquals(2, bundle.code());
        assertTrue(bundle.err().contains("no-such-bundle"), bundle.err());
    }
}
