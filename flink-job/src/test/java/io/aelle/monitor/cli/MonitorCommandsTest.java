package io.aelle.monitor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MonitorCommandsTest {

    @Test
    void theMonitorCommandsAreRegisteredWithHelp() {
        String top = CliRun.of("--help").out();
        assertTrue(top.contains("demo"), top);
        assertTrue(top.contains("run"), top);
        assertTrue(CliRun.of("demo", "--help").out().contains("--keep-running"));
        assertTrue(CliRun.of("run", "--help").out().contains("--bootstrap-servers"));
        assertTrue(CliRun.of("bench", "stream", "--help").out().contains("--runs"));
    }

    @Test
    void usageErrorsAreOneLineWithExitStatusTwo() {
        CliRun r = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "synthetic-tiny", "--engine", "quantum");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown spectrum engine 'quantum'"), r.err());
        CliRun parallelism = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--parallelism", "0");
        assertEquals(2, parallelism.code());
        assertTrue(parallelism.err().contains("--parallelism"), parallelism.err());
        CliRun bundle = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "no-such-bundle");
        assertEquals(2, bundle.code());
        assertTrue(bundle.err().contains("no-such-bundle"), bundle.err());
    }
}
