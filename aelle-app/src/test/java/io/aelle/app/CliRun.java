package io.aelle.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of {@code aelle-monitor ARGS} as the launcher makes it, with its exit status and captured output. */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        CommandLine cl = AelleMonitorCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
