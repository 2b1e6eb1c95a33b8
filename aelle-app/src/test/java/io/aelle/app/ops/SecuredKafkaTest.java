package io.aelle.app.ops;

import io.aelle.monitor.ops.MonitorStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.app.CliRun;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.local.CommittedReader;
import io.aelle.monitor.local.LocalMonitor;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.wire.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose only listener takes SASL/PLAIN logins: with {@code --kafka-config} the whole path works (topics,
 * publish, the job's sources and transactional sinks, a verdict reader); without it, or with a wrong password,
 * the commands fail with a message that says what to fix; the password is never printed.
 */
class SecuredKafkaTest {

    private static final String STUDY = "synthetic-tiny"; // the test bundle MonitorStack's checkpoints fit, as in DashboardOnPrometheusTest
    private static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void publishToVerdictWorksWithCredentialsAndFailsClearlyWithout() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startWithSaslPlain(Map.of("aelle", PASSWORD))) {
            String bootstrap = kafka.bootstrapServers();
            Path good = config(EmbeddedKafka.saslPlainClient("aelle", PASSWORD), "good.properties");
            Path wrong = config(EmbeddedKafka.saslPlainClient("aelle", "not-" + PASSWORD), "wrong.properties");

            CliRun none = CliRun.of("init-topics", "--bootstrap-servers", bootstrap);
            assertNotEquals(0, none.code());
            assertTrue(none.err().contains("--kafka-config"), "says what a secured broker needs: " + none.err());

            CliRun refused = CliRun.of("init-topics", "--bootstrap-servers", bootstrap, "--kafka-config", wrong.toString());
            assertNotEquals(0, refused.code());
            assertTrue(refused.err().contains("refused this client's credentials"), refused.err());

            CliRun ok = CliRun.of("init-topics", "--bootstrap-servers", bootstrap, "--kafka-config", good.toString(), "--partitions", "1");
            assertEquals(0, ok.code(), ok.err());
            for (CliRun run : List.of(none, refused, ok)) {
                assertFalse((run.out() + run.err()).contains(PASSWORD), "a password was printed");
            }

            KafkaConnection connection = KafkaConnection.of(bootstrap, good);
            KafkaWiring wiring = KafkaWiring.defaults(connection);
            int epochs = 3;
            try (LocalMonitor monitor = LocalMonitor.start(wiring, new BundleAnalyzers(SpectrumEngines.CPU, List.of(STUDY)),
                    MonitorSettings.defaults().withMetrics("127.0.0.1", -1).withProbeHold(Duration.ofSeconds(30)), 1);
                 KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(connection), wiring.topics())) {
                sink.publishProbe(MonitorStack.probe(STUDY, 0.1, 2, 30, 3));
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    Checkpoint c = MonitorStack.rnnCheckpoint("secured-run", STUDY, epoch, epochs, 8, 0.8, 0.5 / epoch, epoch);
                    sink.publishCheckpoint(c);
                }
                sink.flush();
                Set<Integer> epochsWithVerdicts = new HashSet<>();
                try (CommittedReader verdicts = new CommittedReader(connection, wiring.topics().verdicts())) {
                    Instant end = Instant.now().plusSeconds(150);
                    while (epochsWithVerdicts.size() < epochs && Instant.now().isBefore(end)) {
                        for (CommittedReader.Received r : verdicts.poll(Duration.ofSeconds(1))) {
                            assertEquals("secured-run", r.verdict().runId());
                            epochsWithVerdicts.add(r.verdict().epoch());
                        }
                    }
                }
                assertEquals(Set.of(1, 2, 3), epochsWithVerdicts, "one committed verdict per checkpoint over SASL");
            }
        }
    }

    private Path config(Map<String, String> properties, String name) throws IOException {
        Properties p = new Properties();
        p.putAll(properties);
        Path f = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        return f;
    }
}
