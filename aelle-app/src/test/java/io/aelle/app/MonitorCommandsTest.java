package io.aelle.app;

import io.aelle.monitor.MonitorOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MonitorCommandsTest {

    @Test
    void theMonitorCommandsAreRegisteredWithHelp() {
        String top = CliRun.of("--help").out();
        assertTrue(top.contains("demo"), top);
        assertTrue(top.contains("run"), top);
        assertTrue(CliRun.of("demo", "--help").out().contains("--keep-running"));
        String run = CliRun.of("run", "--help").out();
        for (String option : new String[] {"--bootstrap-servers", "--state-dir", "--outcome-wait"}) {
            assertTrue(run.contains(option), run);
        }
        assertTrue(CliRun.of("demo", "--help").out().contains("--state-dir"));
        assertTrue(CliRun.of("bench", "stream", "--help").out().contains("--runs"));
        assertTrue(CliRun.of("demo", "--help").out().contains("--cold-start"));
        for (String option : new String[] {"--auto-train", "--min-runs", "--embedding", "--features"}) {
            assertTrue(run.contains(option), run);
            assertTrue(CliRun.of("trainer", "--help").out().contains(option.equals("--auto-train") ? "--bootstrap-servers" : option));
        }
        assertTrue(CliRun.of("publish-bundle", "--help").out().contains("DIR"));
    }

    @Test
    void bundleAndTrainerUsageErrorsNameTheBadInputBeforeAnyBrokerIsAsked() {
        CliRun embedding = CliRun.of("trainer", "--bootstrap-servers", "127.0.0.1:1", "--embedding", "nope");
        assertEquals(2, embedding.code());
        assertTrue(embedding.err().contains("nope"), embedding.err());
        CliRun minRuns = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--auto-train", "--min-runs", "2");
        assertEquals(2, minRuns.code());
        assertTrue(minRuns.err().contains("--min-runs"), minRuns.err());
        CliRun bundle = CliRun.of("publish-bundle", "--bootstrap-servers", "127.0.0.1:1", "no-such-bundle");
        assertEquals(2, bundle.code());
        assertTrue(bundle.err().contains("no-such-bundle"), bundle.err());
    }

    @Test
    void usageErrorsAreOneLineWithExitStatusTwo() {
        CliRun r = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "synthetic-tiny", "--engine", "quantum");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown spectrum engine 'quantum'"), r.err());
        CliRun parallelism = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--parallelism", "0");
        assertEquals(2, parallelism.code());
        assertTrue(parallelism.err().contains("--parallelism"), parallelism.err());
        CliRun wait = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--outcome-wait", "PT0S");
        assertEquals(2, wait.code());
        assertTrue(wait.err().contains("--outcome-wait"), wait.err());
        CliRun bundle = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "no-such-bundle");
        assertEquals(2, bundle.code());
        assertTrue(bundle.err().contains("no-such-bundle"), bundle.err());
    }

    @Test
    void theRunEmbeddingIsOptIn() {
        MonitorOptions plain = new MonitorOptions();
        new picocli.CommandLine(plain).parseArgs("--bootstrap-servers", "b:1");
        assertFalse(plain.settings().exportRunEmbedding(), "two series per run only when asked for");
        MonitorOptions opted = new MonitorOptions();
        new picocli.CommandLine(opted).parseArgs("--bootstrap-servers", "b:1", "--export-run-embedding");
        assertTrue(opted.settings().exportRunEmbedding());
    }

    @Test
    void aBadKafkaConfigIsAUsageErrorNamingTheFile() {
        CliRun r = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--bundle", "synthetic-tiny",
                "--kafka-config", "no-such-dir/client.properties");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --kafka-config no-such-dir/client.properties does not exist"), r.err());
    }
}
