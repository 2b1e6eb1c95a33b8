package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.embedding.Embedding;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.wire.Outcome;
import io.aelle.producer.kafka.BundlePublisher;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;
import io.aelle.wire.Verdict;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold start on the real pipeline (embedded KRaft broker, Flink MiniCluster, the CPU spectrum engine): a study
 * without a bundle gets UNKNOWN verdicts, not dead letters; a bundle published while the job runs gives its active
 * runs verdicts at once and is used for the next checkpoints; a job started again takes it from the bundles table.
 */
class BundleTablePipelineTest {

    /** The shipped test bundle, renamed for each test's own study (the metrics registry is shared by the JVM's tests). */
    private static final String SHIPPED = "synthetic-tiny";
    private static final int TOTAL_EPOCHS = 4;
    private static final double THRESHOLD = 0.3;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static KafkaWiring wiring(String name) {
        Topics t = new Topics(name + ".checkpoints", name + ".outcomes", name + ".probes", name + ".verdicts", name + ".dead-letters");
        return KafkaWiring.defaults(kafka.bootstrapServers()).withTopics(t).withGroup(name, name);
    }

    /** Each test's jobs report to a registry of their own. */
    private final MonitorMetrics metrics = new MonitorMetrics();

    private LocalMonitor start(KafkaWiring w) throws Exception {
        MonitorSettings settings = MonitorSettings.defaults().withProbeHold(Duration.ofSeconds(60))
                .withCheckpointInterval(Duration.ofMillis(300)).withMetrics("127.0.0.1", -1);
        return LocalMonitor.start(w, new BundleAnalyzers(SpectrumEngines.CPU, List.of()), metrics, settings, 1, null, -1);
    }

    @TempDir
    Path tmp;

    private static void publish(KafkaCheckpointSink sink, String study, String run, int epoch) {
        sink.publishCheckpoint(TestRuns.checkpoint(run, study, epoch, TOTAL_EPOCHS, 1.0 + run.length() % 3, 0.2 + 0.1 * epoch,
                TestRuns.INPUTS));
        sink.flush();
    }

    /** The shipped bundle with {@code study} in its bundle.json, published to the bundles table. */
    private void publishBundle(KafkaWiring w, String study) throws Exception {
        Path dir = tmp.resolve(study);
        Embedding.loadShipped(SHIPPED).save(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(dir.resolve("bundle.json").toFile());
        manifest.put("study", study);
        json.writeValue(dir.resolve("bundle.json").toFile(), manifest);
        try (BundlePublisher p = new BundlePublisher(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            p.publish(BundleArchive.fromDirectory(dir));
        }
    }

    @Test
    void aStudyWithoutABundleGetsUnknownVerdictsThenABundlePublishedMidStreamGivesItsActiveRunsVerdicts() throws Exception {
        String study = "cold-start";
        KafkaWiring w = wiring("cold");
        try (LocalMonitor monitor = start(w);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics());
             CommittedReader verdicts = new CommittedReader(w.bootstrapServers(), w.topics().verdicts())) {
            sink.publishProbe(TestRuns.probe(study, THRESHOLD));
            for (int epoch = 0; epoch <= 1; epoch++) {
                publish(sink, study, "active-a", epoch);
                publish(sink, study, "active-b", epoch);
            }
            for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
                publish(sink, study, "finished", epoch);
            }
            sink.publishOutcome(new Outcome("finished", study, 0.1, TOTAL_EPOCHS, Outcome.COMPLETED));
            sink.flush();

            List<Verdict> seen = new ArrayList<>();
            Map<String, Verdict> first = await(verdicts, seen, 9, v -> true);
            for (Verdict v : first.values()) {
                assertEquals(Verdict.UNKNOWN, v.verdict(), v.runId() + "@" + v.epoch());
                assertEquals(Verdict.NO_BUNDLE_YET, v.verdictReason());
                assertNotNull(v.lossBaselineVerdict());
            }
            assertEquals(9, metrics.registry().find("aelle.verdicts").tags("study", study, "verdict", Verdict.UNKNOWN)
                    .counter().count(), 0.0);
            awaitScored(study, "loss-threshold", 5); // the finished run's five checkpoints, by the loss baseline
            assertEquals(0, scored(study, "aelle"), "UNKNOWN is not an embedding verdict: nothing to score");

            publishBundle(w, study);
            // At once, without a new checkpoint: the latest checkpoint of each active run, not the finished run's.
            Map<String, Verdict> reissued = await(verdicts, seen, 2, v -> !v.unknown());
            assertEquals(java.util.Set.of("active-a@1", "active-b@1"), reissued.keySet());
            Gauge info = metrics.registry().find("aelle.bundle.info").tags("study", study).gauge();
            assertNotNull(info, "aelle_bundle_info for the study");
            assertEquals("published", info.getId().getTag("source"));

            publish(sink, study, "active-a", 2);
            Map<String, Verdict> next = await(verdicts, seen, 1, v -> v.epoch() == 2);
            Verdict v2 = next.get("active-a@2");
            assertFalse(v2.unknown());
            assertTrue(Double.isFinite(v2.pc1()));

            sink.publishOutcome(new Outcome("active-a", study, 0.1, TOTAL_EPOCHS, Outcome.COMPLETED));
            sink.flush();
            // active-a: epoch 0 UNKNOWN (loss baseline only), epoch 1 reissued (replaces its UNKNOWN), epoch 2.
            awaitScored(study, "aelle", 2);
            awaitScored(study, "loss-threshold", 5 + 3);
            try (CommittedReader dead = new CommittedReader(w.bootstrapServers(), w.topics().deadLetters())) {
                assertEquals(List.of(), dead.pollRecords(Duration.ofSeconds(1)), "nothing dead-lettered");
            }
        }
    }

    @Test
    void aRestartedJobReloadsItsBundlesFromTheTopic() throws Exception {
        String study = "reload";
        KafkaWiring w = wiring("reload");
        List<Verdict> seen = new ArrayList<>();
        LocalMonitor first = start(w); // creates the topics; closed below, before the second start
        try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics());
             CommittedReader verdicts = new CommittedReader(w.bootstrapServers(), w.topics().verdicts())) {
            try (first) {
                sink.publishProbe(TestRuns.probe(study, THRESHOLD));
                publishBundle(w, study);
                publish(sink, study, "before", 0);
                assertFalse(await(verdicts, seen, 1, v -> true).get("before@0").unknown());
            }
            // A new job, with no Flink state to restore: it has only the bundles table.
            try (LocalMonitor monitor = start(w)) {
                publish(sink, study, "after", 0);
                Verdict v = await(verdicts, seen, 1, x -> x.runId().equals("after")).get("after@0");
                assertEquals(null, v.verdictReason());
                assertFalse(v.unknown(), "the restarted job took the study's bundle from the topic before this checkpoint");
            }
        }
    }

    /** Waits for {@code expected} distinct checkpoints (run@epoch) with a committed verdict that matches. */
    private static Map<String, Verdict> await(CommittedReader reader, List<Verdict> seen, int expected, Predicate<Verdict> which) {
        Map<String, Verdict> matched = new LinkedHashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (matched.size() < expected && System.nanoTime() < deadline) {
            for (CommittedReader.Received r : reader.poll(Duration.ofMillis(200))) {
                seen.add(r.verdict());
                if (which.test(r.verdict())) {
                    matched.put(r.verdict().runId() + "@" + r.verdict().epoch(), r.verdict());
                }
            }
        }
        assertEquals(expected, matched.size(), "verdicts " + matched.keySet() + "; all seen: " + seen.size());
        return matched;
    }

    private double scored(String study, String predictor) {
        return metrics.registry().find("aelle.confusion").tags("study", study, "predictor", predictor)
                .gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private void awaitScored(String study, String predictor, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (scored(study, predictor) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, scored(study, predictor), predictor + " checkpoints scored");
    }
}
