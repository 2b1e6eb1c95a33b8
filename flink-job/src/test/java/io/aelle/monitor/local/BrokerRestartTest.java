package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.producer.attach.AttachSidecar;
import io.aelle.producer.kafka.CheckpointPublisher;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.producer.kafka.KafkaRecordSender;
import io.aelle.producer.kafka.OutcomePublisher;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable local broker ({@code kafka --data-dir}) stopped and started again on the same folder and port while
 * the monitor job and the attach sidecar run: both reconnect, and every checkpoint, including those written while
 * the broker was down, gets exactly one committed verdict and is scored once.
 */
class BrokerRestartTest {

    private static final String STUDY = "broker-restart";
    private static final int RUNS = 3;
    private static final int TOTAL_EPOCHS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final AttachSidecar.Settings FAST = new AttachSidecar.Settings(Duration.ofMillis(150), Duration.ofMillis(300),
            Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    private void write(Path dir, int run, int epoch) throws Exception {
        Checkpoint c = TestRuns.checkpoint(STUDY + "-" + run, STUDY, epoch, TOTAL_EPOCHS, 0.5 + run, 0.5, TestRuns.INPUTS);
        Path file = dir.resolve(STUDY + "-" + run + "-" + epoch + ".safetensors");
        Files.write(dir.resolve("." + file.getFileName() + ".tmp"), c.toBytes());
        Files.move(dir.resolve("." + file.getFileName() + ".tmp"), file);
    }

    @Test
    void monitorAndAttachReconnectAfterABrokerRestartAndLoseNothing() throws Exception {
        Path data = tmp.resolve("kafka");
        Path watched = Files.createDirectories(tmp.resolve("checkpoints"));
        EmbeddedKafka kafka = EmbeddedKafka.start(0, data);
        int port = kafka.port();
        String bootstrap = kafka.bootstrapServers();
        Topics topics = new Topics(STUDY + ".checkpoints", STUDY + ".outcomes", STUDY + ".probes", STUDY + ".verdicts", STUDY + ".dead-letters");
        KafkaWiring w = KafkaWiring.defaults(bootstrap).withTopics(topics).withGroup(STUDY, STUDY);
        MonitorSettings settings = MonitorSettings.defaults().withProbeHold(Duration.ofSeconds(60))
                .withCheckpointInterval(Duration.ofMillis(500)).withMetrics("127.0.0.1", -1);
        try (LocalMonitor monitor = LocalMonitor.start(w, TestRuns.analyzers(STUDY, 0), settings, 1);
             KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(bootstrap));
             AttachSidecar attach = new AttachSidecar(watched, new CheckpointPublisher(sender, topics),
                     new OutcomePublisher(sender, topics), FAST).start()) {
            try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(bootstrap), topics)) {
                sink.publishProbe(TestRuns.probe(STUDY, 0.3));
            }
            for (int run = 0; run < RUNS; run++) {
                write(watched, run, 0);
                write(watched, run, 1);
            }
            awaitVerdicts(bootstrap, topics, 2 * RUNS);

            kafka.close(); // the broker goes down; its data folder stays
            for (int run = 0; run < RUNS; run++) {
                for (int epoch = 2; epoch <= TOTAL_EPOCHS; epoch++) {
                    write(watched, run, epoch);
                }
                Files.write(watched.resolve(STUDY + "-" + run + ".outcome.json"),
                        new Outcome(STUDY + "-" + run, STUDY, 0.1 * run, TOTAL_EPOCHS, Outcome.COMPLETED).toJson());
            }
            Thread.sleep(2000); // the sidecar and the job meet a broker that is down
            kafka = EmbeddedKafka.start(port, data);

            int total = RUNS * (TOTAL_EPOCHS + 1);
            List<Verdict> all = awaitVerdicts(bootstrap, topics, total);
            assertEquals(total, all.size(), "exactly one committed verdict per checkpoint");
            await(() -> scored(monitor) == total, "every verdict scored once");
            try (CommittedReader dead = new CommittedReader(bootstrap, topics.deadLetters())) {
                assertEquals(List.of(), dead.pollRecords(Duration.ofSeconds(2)), "nothing dead-lettered");
            }
            assertEquals(total, scored(monitor));
        } finally {
            kafka.close();
        }
    }

    private static double scored(LocalMonitor monitor) {
        return monitor.metrics().registry().find("aelle.confusion").tags("study", STUDY, "predictor", "aelle")
                .gauges().stream().mapToDouble(Gauge::value).sum();
    }

    /** Every committed verdict once {@code expected} distinct checkpoints have one (and a short settle). */
    private static List<Verdict> awaitVerdicts(String bootstrap, Topics topics, int expected) throws InterruptedException {
        List<Verdict> all = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        try (CommittedReader reader = new CommittedReader(bootstrap, topics.verdicts())) {
            await(() -> {
                for (CommittedReader.Received r : reader.poll(Duration.ofMillis(200))) {
                    all.add(r.verdict());
                    distinct.add(r.verdict().runId() + "@" + r.verdict().epoch());
                }
                return distinct.size() >= expected;
            }, expected + " verdicts");
            reader.poll(Duration.ofSeconds(2)).forEach(r -> all.add(r.verdict()));
        }
        assertEquals(expected, distinct.size());
        return all;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
