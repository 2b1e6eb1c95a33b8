package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.model.confusion.Confusion;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.SpectrumBudget;
import io.aelle.monitor.MonitorOptions;
import io.aelle.monitor.analysis.Analysis;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.CheckpointAnalyzer;
import io.aelle.monitor.analysis.LyapunovAnalyzer;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.analysis.StudyModel;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.DeadLetterSerializer;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.score.FractionBucket;
import io.aelle.monitor.score.Scoring;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.producer.kafka.KafkaRecordSender;
import io.aelle.wire.Outcome;
import io.aelle.wire.RunTruth;
import io.aelle.wire.Topics;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The monitor job on a Flink MiniCluster against the embedded KRaft broker, end to end. */
class MonitorPipelineTest {

    private static final int TOTAL_EPOCHS = 4;
    private static final double THRESHOLD = 0.3;
    private static final double[] FINAL_LOSS = {0.1, 0.2, 0.5, 0.9, 0.15, 0.6};
    private static final double[] SCALE = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0};
    /**
     * How the known-outcomes test ends each run: run 1 fails (high error although its last loss is low), run 3 is stopped
     * early (never scored), runs 2, 4 and 5 are audits of would-be stops (two end high error: precision 2/3).
     */
    private static final String[] STATUS = {Outcome.COMPLETED, Outcome.FAILED, Outcome.COMPLETED, Outcome.STOPPED_EARLY,
            Outcome.COMPLETED, Outcome.COMPLETED};
    private static final boolean[] AUDIT = {false, false, true, false, true, true};
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Armed by the restart test: the next analysis throws once, failing the task. */
    static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();

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

    /** Each test's job reports to a registry of its own. */
    private final MonitorMetrics metrics = new MonitorMetrics();

    private static KafkaWiring wiring(String name) {
        Topics t = new Topics(name + ".checkpoints", name + ".outcomes", name + ".probes", name + ".verdicts", name + ".dead-letters");
        return KafkaWiring.defaults(kafka.bootstrapServers()).withTopics(t).withGroup(name, name);
    }

    private static MonitorSettings settings(Duration probeHold, int metricsPort) {
        return MonitorSettings.defaults().withProbeHold(probeHold).withCheckpointInterval(Duration.ofMillis(500))
                .withMetrics("127.0.0.1", metricsPort);
    }

    private static String run(String study, int i) {
        return study + "-run-" + i;
    }

    private static double valLoss(int run, int epoch) {
        return FINAL_LOSS[run] + 0.4 * (1 - (double) epoch / TOTAL_EPOCHS);
    }

    private static List<Checkpoint> checkpoints(String study) {
        List<Checkpoint> out = new ArrayList<>();
        for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
            for (int i = 0; i < FINAL_LOSS.length; i++) {
                out.add(TestRuns.checkpoint(run(study, i), study, epoch, TOTAL_EPOCHS, SCALE[i], valLoss(i, epoch), TestRuns.INPUTS));
            }
        }
        return out;
    }

    /** The cutoff that splits the test checkpoints' largest exponents in half, so both verdicts occur. */
    private static double medianLargestExponent(List<Checkpoint> checkpoints, Probe probe) {
        try (LyapunovAnalyzer a = new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of(probe.studyId(), TestRuns.plane(0)))) {
            double[] pc1 = checkpoints.stream().mapToDouble(c -> a.analyze(c, probe).pc1()).sorted().toArray();
            return (pc1[pc1.length / 2 - 1] + pc1[pc1.length / 2]) / 2;
        }
    }

    private static Map<String, Verdict> awaitVerdicts(KafkaWiring w, int expected, List<Verdict> all) {
        Map<String, Verdict> byCheckpoint = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (CommittedReader reader = new CommittedReader(w.bootstrapServers(), w.topics().verdicts())) {
            while (byCheckpoint.size() < expected && System.nanoTime() < deadline) {
                for (CommittedReader.Received r : reader.poll(Duration.ofMillis(500))) {
                    all.add(r.verdict());
                    byCheckpoint.put(r.verdict().runId() + "@" + r.verdict().epoch(), r.verdict());
                }
            }
            // Two more checkpoint intervals: any duplicate would be committed by now.
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                reader.poll(Duration.ofMillis(500)).forEach(r -> all.add(r.verdict()));
            }
        }
        assertEquals(expected, byCheckpoint.size(), "distinct checkpoints with a verdict");
        return byCheckpoint;
    }

    private double gauge(String name, String study, String predictor, String fraction, String cell) {
        var search = metrics.registry().find(name).tags("study", study, "predictor", predictor, "fraction", fraction);
        if (cell != null) {
            search = search.tag("cell", cell);
        }
        Gauge g = search.gauge();
        return g == null ? Double.NaN : g.value();
    }

    private void awaitCounter(String name, String study, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double value = Double.NaN;
        while (System.nanoTime() < deadline) {
            var c = metrics.registry().find(name).tags("study", study).counter();
            value = c == null ? Double.NaN : c.count();
            if (value == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " of " + study + " stayed at " + value + ", expected " + expected);
    }

    private void awaitRunsActive(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double active = Double.NaN;
        while (System.nanoTime() < deadline) {
            active = metrics.registry().get("aelle.runs.active").gauge().value();
            if (active == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("aelle_runs_active stayed at " + active + ", expected " + expected);
    }

    /** Verdicts of the study scored so far: its AeLLE confusion gauges summed over fractions. */
    private double scored(String study) {
        return metrics.registry().find("aelle.confusion").tags("study", study, "predictor", "aelle")
                .gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private void awaitScored(String study, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (scored(study) == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the confusion gauges of " + study + " never reached " + expected + " scored verdicts");
    }

    @Test
    void knownOutcomesGiveVerdictsAndGaugesEqualToTheOfflineTables() throws Exception {
        String study = "known";
        KafkaWiring w = wiring("known");
        Probe probe = TestRuns.probe(study, THRESHOLD);
        List<Checkpoint> checkpoints = checkpoints(study);
        double cutoff = medianLargestExponent(checkpoints, probe);

        try (LocalMonitor monitor = LocalMonitor.start(w, TestRuns.analyzers(study, cutoff), metrics,
                settings(Duration.ofSeconds(60), 0).withRunEmbedding(true), 2, null, -1);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(probe);
            checkpoints.forEach(sink::publishCheckpoint);
            sink.flush();

            List<Verdict> all = new ArrayList<>();
            Map<String, Verdict> verdicts = awaitVerdicts(w, checkpoints.size(), all);
            assertEquals(checkpoints.size(), all.size(), "exactly one verdict per checkpoint");
            awaitRunsActive(FINAL_LOSS.length); // every run has verdicts and no outcome yet
            for (int i = 0; i < FINAL_LOSS.length; i++) {
                sink.publishOutcome(new Outcome(run(study, i), study, FINAL_LOSS[i], TOTAL_EPOCHS, STATUS[i], AUDIT[i]));
            }
            sink.flush();

            // Offline: the same analysis on each checkpoint, then the confusion tables from the known outcomes.
            Map<String, List<boolean[]>> rows = new TreeMap<>(); // table -> (predicted, actual)
            try (LyapunovAnalyzer offline = new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of(study, TestRuns.plane(cutoff)))) {
                for (Checkpoint c : checkpoints) {
                    var meta = c.metadata();
                    Analysis a = offline.analyze(c, probe);
                    Verdict v = verdicts.get(meta.runId() + "@" + meta.epoch());
                    assertNotNull(v, "verdict for " + meta.runId() + "@" + meta.epoch());
                    assertEquals(a.pc1(), v.pc1(), 0.0);
                    assertEquals(a.pc2(), v.pc2(), 0.0);
                    assertEquals(a.likelyLowError(), v.likelyLowError());
                    assertEquals(meta.fraction(), v.fraction(), 0.0);
                    boolean baseline = Scoring.lossBaselineLowError(meta.valLoss().getAsDouble(), THRESHOLD);
                    assertEquals(baseline ? Verdict.LIKELY_LOW_ERROR : Verdict.LIKELY_HIGH_ERROR, v.lossBaselineVerdict());
                    RunTruth truth = RunTruth.of(STATUS[runIndex(c)], FINAL_LOSS[runIndex(c)], THRESHOLD);
                    if (!truth.scored()) {
                        continue;   // stopped early: never in the confusion cells
                    }
                    boolean actual = truth == RunTruth.LOW_ERROR;
                    String bucket = FractionBucket.of(meta.fraction());
                    rows.computeIfAbsent("aelle|" + bucket, k -> new ArrayList<>()).add(new boolean[] {a.likelyLowError(), actual});
                    rows.computeIfAbsent("loss-threshold|" + bucket, k -> new ArrayList<>()).add(new boolean[] {baseline, actual});
                }
            }
            awaitScored(study, checkpoints.size() - (TOTAL_EPOCHS + 1));   // all but the stopped run's checkpoints
            awaitCounter("aelle.runs.stopped", study, 1);
            assertEquals(2, metrics.registry().find("aelle.stop.audits").tags("study", study, "result", "high_error")
                    .counter().count(), 0.0);
            assertEquals(1, metrics.registry().find("aelle.stop.audits").tags("study", study, "result", "low_error")
                    .counter().count(), 0.0);
            assertEquals(2.0 / 3, metrics.registry().find("aelle.stop.precision").tags("study", study).gauge().value(),
                    1e-12, "audited runs 2, 4, 5: two ended high error");
            Set<Boolean> verdictsSeen = new HashSet<>();
            for (var e : rows.entrySet()) {
                String[] key = e.getKey().split("\\|");
                boolean[] predicted = new boolean[e.getValue().size()];
                boolean[] actual = new boolean[predicted.length];
                for (int k = 0; k < predicted.length; k++) {
                    predicted[k] = e.getValue().get(k)[0];
                    actual[k] = e.getValue().get(k)[1];
                    verdictsSeen.add(predicted[k]);
                }
                Confusion expected = Confusion.of(predicted, actual);
                assertEquals(expected.tp(), gauge("aelle.confusion", study, key[0], key[1], "tp"), e.getKey());
                assertEquals(expected.fp(), gauge("aelle.confusion", study, key[0], key[1], "fp"), e.getKey());
                assertEquals(expected.fn(), gauge("aelle.confusion", study, key[0], key[1], "fn"), e.getKey());
                assertEquals(expected.tn(), gauge("aelle.confusion", study, key[0], key[1], "tn"), e.getKey());
                assertEquals(expected.precision(), gauge("aelle.precision", study, key[0], key[1], null), 1e-12, e.getKey());
                assertEquals(expected.recall(), gauge("aelle.recall", study, key[0], key[1], null), 1e-12, e.getKey());
                assertEquals(expected.f1(), gauge("aelle.f1", study, key[0], key[1], null), 1e-12, e.getKey());
            }
            assertEquals(Set.of(true, false), verdictsSeen, "both verdicts occur, so the tables are not trivial");
            awaitRunsActive(0);

            // The job's registry, served as run and demo serve it at their entry, holds the issue's names for this study.
            int port = metrics.serve("127.0.0.1", 0);
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String name : new String[] {"aelle_precision{fraction=\"0.50\",predictor=\"aelle\",study=\"known\"}",
                    "aelle_recall{", "aelle_f1{", "aelle_confusion{cell=\"tp\"",
                    "aelle_checkpoints_total{result=\"scored\",study=\"known\"} " + checkpoints.size(),
                    "aelle_spectrum_seconds_bucket{", "aelle_verdict_latency_seconds_bucket{", "aelle_runs_active ",
                    "aelle_verdicts_total{study=\"known\",verdict=", "aelle_run_embedding{axis=\"pc1\",run_id=\"known-run-0\",study=\"known\"}",
                    "aelle_runs_stopped_total{study=\"known\"} 1", "aelle_stop_precision{study=\"known\"}",
                    "aelle_stop_audits_total{result=\"high_error\",study=\"known\"} 2",
                    "jvm_gc_", "kafka_producer_record_send_total{"}) {
                assertTrue(body.contains(name), () -> "/metrics lacks " + name);
            }
        } finally {
            metrics.stopServing();
        }
    }

    @Test
    void badRecordsAreDeadLetteredAndLaterGoodRecordsAreStillScored() throws Exception {
        String study = "bad";
        KafkaWiring w = wiring("bad");
        Probe probe = TestRuns.probe(study, THRESHOLD);
        try (LocalMonitor monitor = LocalMonitor.start(w, TestRuns.analyzers(study, 0), metrics, settings(Duration.ofSeconds(2), -1), 2, null, -1);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics());
             KafkaRecordSender raw = new KafkaRecordSender(ProducerSettings.of(w.bootstrapServers()))) {
            sink.publishProbe(probe);
            sink.publishProbe(TestRuns.probe("no-bundle", THRESHOLD));
            // A probe without its loss threshold.
            raw.send(w.topics().probes(), "thresholdless", new SafetensorsFile(Map.of(Probe.INPUTS, probe.inputs()),
                    Map.of(Probe.STUDY_ID, "thresholdless")).toBytes(), "probe").get();

            Map<String, String> expectedReasons = new LinkedHashMap<>();
            byte[] good = TestRuns.checkpoint("bad-run-0", study, 0, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS).toBytes();
            raw.send(w.topics().checkpoints(), "truncated", Arrays.copyOf(good, good.length / 2), "checkpoint").get();
            expectedReasons.put("truncated", "unreadable_checkpoint");
            // Over the JobManager's 5 MiB memory-backed state: the pending dead letter carrying it must checkpoint.
            byte[] large = new byte[6 << 20];
            new java.util.Random(6).nextBytes(large);
            raw.send(w.topics().checkpoints(), "large-garbage", large, "checkpoint").get();
            expectedReasons.put("large-garbage", "unreadable_checkpoint");
            Checkpoint c = TestRuns.checkpoint("x", study, 0, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS);
            Map<String, String> noRunId = new HashMap<>(c.metadata().toMap());
            noRunId.remove("aelle.run_id");
            raw.send(w.topics().checkpoints(), "no-run-id", new SafetensorsFile(c.tensors(), noRunId).toBytes(), "checkpoint").get();
            expectedReasons.put("no-run-id", "missing_metadata");
            sink.publishCheckpoint(TestRuns.checkpoint("no-bundle-run", "no-bundle", 0, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS));
            // A study without a bundle gets an UNKNOWN verdict (BundleTablePipelineTest), not a dead letter; a bad bundle does.
            raw.send(w.topics().bundles(), "garbage-bundle", "not a bundle".getBytes(StandardCharsets.UTF_8), "bundle").get();
            expectedReasons.put("garbage-bundle", "bad_bundle");
            sink.publishCheckpoint(TestRuns.checkpoint("lonely-run", "lonely", 0, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS));
            expectedReasons.put("lonely-run", "no_probe");
            sink.publishCheckpoint(TestRuns.checkpoint("wide-run", study, 0, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS + 2));
            expectedReasons.put("wide-run", "shape_mismatch");
            Checkpoint finite = TestRuns.checkpoint("nan-run", study, 0, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS);
            Map<String, Tensor> nan = new LinkedHashMap<>(finite.tensors());
            double[] hh = nan.get("weight_hh_l0").data().clone();
            hh[3] = Double.NaN;
            nan.put("weight_hh_l0", new Tensor("weight_hh_l0", nan.get("weight_hh_l0").shape(), hh));
            sink.publishCheckpoint(new Checkpoint(finite.metadata(), nan));
            expectedReasons.put("nan-run", "nan_weights");
            raw.send(w.topics().outcomes(), "broken-outcome", "{\"run_id\": \"bad-run-0\"".getBytes(StandardCharsets.UTF_8), "outcome").get();
            expectedReasons.put("broken-outcome", "bad_outcome");
            expectedReasons.put("thresholdless", "bad_probe");
            // Keys that do not name the record's run or study (RecordKeys): a good record under another key.
            raw.send(w.topics().checkpoints(), "not-its-run", TestRuns.checkpoint("keyed-run", study, 0, TOTAL_EPOCHS, 1.0, 0.5,
                    TestRuns.INPUTS).toBytes(), "checkpoint").get();
            expectedReasons.put("not-its-run", "key_mismatch");
            raw.send(w.topics().outcomes(), "not-its-outcome", new Outcome("bad-run-0", study, 9.0, TOTAL_EPOCHS, Outcome.COMPLETED)
                    .toJson(), "outcome").get();
            expectedReasons.put("not-its-outcome", "key_mismatch");
            raw.send(w.topics().probes(), "not-its-study", TestRuns.probe(study, THRESHOLD).toBytes(), "probe").get();
            expectedReasons.put("not-its-study", "key_mismatch");

            // Good records after the bad ones are still scored.
            int goodEpochs = TOTAL_EPOCHS + 1;
            for (int epoch = 0; epoch < goodEpochs; epoch++) {
                sink.publishCheckpoint(TestRuns.checkpoint("bad-run-0", study, epoch, TOTAL_EPOCHS, 1.0, valLoss(0, epoch), TestRuns.INPUTS));
            }
            // A producer retry: the same epoch again is dead-lettered, not scored twice.
            sink.publishCheckpoint(TestRuns.checkpoint("bad-run-0", study, 1, TOTAL_EPOCHS, 1.0, valLoss(0, 1), TestRuns.INPUTS));
            expectedReasons.put("bad-run-0", "duplicate_checkpoint");
            sink.publishOutcome(new Outcome("bad-run-0", study, 0.1, TOTAL_EPOCHS, Outcome.COMPLETED));
            sink.flush();

            Map<String, Verdict> verdicts = awaitVerdicts(w, goodEpochs + 1, new ArrayList<>());
            assertEquals(Verdict.UNKNOWN, verdicts.get("no-bundle-run@0").verdict());
            awaitScored(study, goodEpochs);

            Map<String, String> reasons = new HashMap<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            try (CommittedReader dead = new CommittedReader(w.bootstrapServers(), w.topics().deadLetters())) {
                while (reasons.size() < expectedReasons.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : dead.pollRecords(Duration.ofMillis(500))) {
                        String key = header(r, DeadLetterSerializer.ORIGINAL_KEY);
                        assertNotNull(key, "original key header");
                        assertEquals(key, new String(r.key(), StandardCharsets.UTF_8));
                        assertNotNull(header(r, DeadLetterSerializer.DETAIL));
                        assertFalse(reasons.containsKey(key), "one dead letter for " + key);
                        reasons.put(key, header(r, DeadLetterSerializer.REASON));
                    }
                }
            }
            assertEquals(new TreeMap<>(expectedReasons), new TreeMap<>(reasons));
            assertEquals(goodEpochs, scored(study), "the duplicate epoch was scored once");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void restartFromAFlinkCheckpointGivesExactlyOneCommittedVerdictPerCheckpointAndKeepsTheCounts() throws Exception {
        String study = "restart";
        KafkaWiring w = wiring("restart");
        Probe probe = TestRuns.probe(study, THRESHOLD);
        List<Checkpoint> checkpoints = checkpoints(study);
        int firstRuns = FINAL_LOSS.length / 2;
        List<Checkpoint> first = checkpoints.stream().filter(c -> runIndex(c) < firstRuns).toList();
        List<Checkpoint> second = checkpoints.stream().filter(c -> runIndex(c) >= firstRuns).toList();
        AnalyzerFactory failingOnce = () -> {
            StudyModel plane = TestRuns.plane(0);
            return new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of(study, s -> {
                if (FAIL_NEXT.compareAndSet(true, false)) {
                    throw new IllegalStateException("injected task failure (test)");
                }
                return plane.project(s);
            }));
        };
        try (LocalMonitor monitor = LocalMonitor.start(w, failingOnce, metrics, settings(Duration.ofSeconds(60), -1), 2, null, -1);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(probe);
            first.forEach(sink::publishCheckpoint);
            publishOutcomes(sink, study, 0, firstRuns);
            sink.flush();
            awaitVerdicts(w, first.size(), new ArrayList<>()); // committed: at least one Flink checkpoint completed
            awaitScored(study, first.size());                   // counts in keyed state before the failure

            FAIL_NEXT.set(true);
            second.forEach(sink::publishCheckpoint);
            publishOutcomes(sink, study, firstRuns, FINAL_LOSS.length);
            sink.flush();

            List<Verdict> all = new ArrayList<>();
            awaitVerdicts(w, checkpoints.size(), all);
            assertFalse(FAIL_NEXT.get(), "the injected failure happened");
            assertEquals(checkpoints.size(), all.size(), "committed verdicts, one per checkpoint, none repeated");
            // The confusion counts restored from the Flink checkpoint plus the replayed tail: every verdict once.
            awaitScored(study, checkpoints.size());
            Thread.sleep(2000);
            assertEquals(checkpoints.size(), scored(study), "no verdict scored twice");
        }
    }

    @Test
    void aFreshJobReadsTheWholeProbesTableAndScoresWithTheShippedBundle() throws Exception {
        String study = MonitorOptions.DEFAULT_BUNDLE; // the shipped smnist-demo bundle's study
        KafkaWiring w = wiring("shipped");
        try (TopicInitializer init = new TopicInitializer(w.bootstrapServers())) {
            init.initialize(w.topics(), 2, (short) 1, w.maxRecordBytes());
        }
        Probe stale = TestRuns.probe(study, 0.9);
        Probe latest = TestRuns.probe(study, THRESHOLD);
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int epoch = 0; epoch <= 2; epoch++) {
                checkpoints.add(TestRuns.checkpoint(run(study, i), study, epoch, TOTAL_EPOCHS, SCALE[i], 0.5, TestRuns.INPUTS));
            }
        }
        try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(stale);
            sink.publishProbe(latest); // same key: the table's value for the study
            checkpoints.forEach(sink::publishCheckpoint);
            sink.flush();
        }
        // The group's probes position at the table's end, as an earlier job of the group would have left it.
        commitEndOffsets(w.bootstrapServers(), w.groupId() + ".probes", w.topics().probes());

        try (LocalMonitor monitor = LocalMonitor.start(w, new BundleAnalyzers(SpectrumEngines.CPU, List.of(study)), metrics,
                settings(Duration.ofSeconds(60), -1), 2, null, -1);
             CheckpointAnalyzer offline = new BundleAnalyzers(SpectrumEngines.CPU, List.of(study)).open()) {
            Map<String, Verdict> verdicts = awaitVerdicts(w, checkpoints.size(), new ArrayList<>());
            for (Checkpoint c : checkpoints) {
                Verdict v = verdicts.get(c.metadata().runId() + "@" + c.metadata().epoch());
                Analysis a = offline.analyze(c, latest);
                assertEquals(a.pc1(), v.pc1(), 0.0, "the shipped bundle's projection, as offline");
                assertEquals(a.likelyLowError(), v.likelyLowError());
                assertEquals(Verdict.LIKELY_HIGH_ERROR, v.lossBaselineVerdict(), "scored with the latest probe (threshold "
                        + THRESHOLD + "), not the stale one (0.9)");
            }
            try (CommittedReader dead = new CommittedReader(w.bootstrapServers(), w.topics().deadLetters())) {
                assertEquals(List.of(), dead.pollRecords(Duration.ofSeconds(2)), "nothing dead-lettered");
            }
        }
    }

    @Test
    void aRunWithoutAnOutcomeExpiresAfterTheOutcomeWait() throws Exception {
        String study = "expiry";
        KafkaWiring w = wiring("expiry");
        Probe probe = TestRuns.probe(study, THRESHOLD);
        MonitorSettings settings = settings(Duration.ofSeconds(60), -1).withOutcomeWait(Duration.ofSeconds(2));
        try (LocalMonitor monitor = LocalMonitor.start(w, TestRuns.analyzers(study, 0), metrics, settings, 1, null, -1);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(probe);
            for (int epoch = 0; epoch <= 1; epoch++) {
                sink.publishCheckpoint(TestRuns.checkpoint("orphan", study, epoch, TOTAL_EPOCHS, 1.0, 0.5, TestRuns.INPUTS));
            }
            sink.flush();
            awaitVerdicts(w, 2, new ArrayList<>());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (expired(study) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(1.0, expired(study), "aelle_runs_expired_total{study}");
            awaitRunsActive(0);
            // An outcome after the expiry scores nothing: the verdicts are gone.
            sink.publishOutcome(new Outcome("orphan", study, 0.1, TOTAL_EPOCHS, Outcome.COMPLETED));
            sink.flush();
            Thread.sleep(2000);
            assertEquals(0.0, scored(study));
        }
    }

    private double expired(String study) {
        Counter c = metrics.registry().find("aelle.runs.expired").tag("study", study).counter();
        return c == null ? 0 : c.count();
    }

    private static void commitEndOffsets(String bootstrap, String group, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            c.endOffsets(parts).forEach((tp, o) -> end.put(tp, new OffsetAndMetadata(o)));
            c.commitSync(end);
        }
    }

    @Test
    void aCheckpointOverTheWorkLimitOrPastTheTimeLimitIsDeadLetteredAndTheNextIsScored() throws Exception {
        String study = "bounded";
        KafkaWiring w = wiring("bounded");
        Probe probe = SyntheticRuns.probe(study, THRESHOLD, 4, 200, TestRuns.INPUTS, 200, 7); // 4 × (200 + 200) steps
        // Limits: 300 GFLOP, 0.5 s. N = 360: 352 GFLOP estimated, refused unseen. N = 300: 207 GFLOP estimated, about
        // 100 GFLOP of work (a QR every few steps), seconds on any one core. N = 6: milliseconds. (Records stay under the
        // MiniCluster's 5 MiB memory-backed checkpoint state, which buffers the dead letters until they commit.)
        AnalyzerFactory bounded = () -> new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of(study, TestRuns.plane(0)),
                new SpectrumBudget(300, 0.5));
        String run = "bounded-run-0";
        try (LocalMonitor monitor = LocalMonitor.start(w, bounded, metrics, settings(Duration.ofSeconds(60), -1), 1, null, -1);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(probe);
            sink.publishCheckpoint(SyntheticRuns.lstm(run, study, 0, TOTAL_EPOCHS, 360, TestRuns.INPUTS, 1.0, 0.5, 1));
            sink.publishCheckpoint(SyntheticRuns.lstm(run, study, 1, TOTAL_EPOCHS, 300, TestRuns.INPUTS, 1.0, 0.5, 2));
            for (int epoch = 2; epoch <= TOTAL_EPOCHS; epoch++) {
                sink.publishCheckpoint(TestRuns.checkpoint(run, study, epoch, TOTAL_EPOCHS, 1.0, valLoss(0, epoch), TestRuns.INPUTS));
            }
            sink.flush();

            Map<String, Verdict> verdicts = awaitVerdicts(w, TOTAL_EPOCHS - 1, new ArrayList<>());
            for (int epoch = 2; epoch <= TOTAL_EPOCHS; epoch++) {
                assertNotNull(verdicts.get(run + "@" + epoch), "the checkpoints after the refused ones are scored: epoch " + epoch);
            }
            Map<String, String> details = new TreeMap<>(); // reason -> detail
            long deadline = System.nanoTime() + WAIT.toNanos();
            try (CommittedReader dead = new CommittedReader(w.bootstrapServers(), w.topics().deadLetters())) {
                while (details.size() < 2 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : dead.pollRecords(Duration.ofMillis(500))) {
                        details.put(header(r, DeadLetterSerializer.REASON), header(r, DeadLetterSerializer.DETAIL));
                    }
                }
            }
            assertEquals(List.of("spectrum_timeout", "too_costly"), List.copyOf(details.keySet()));
            assertTrue(details.get("too_costly").matches("estimated 35\\d\\.\\d GFLOP \\(lstm N=360 .* is over the limit of 300\\.0 GFLOP.*"),
                    details.get("too_costly"));
            assertTrue(details.get("spectrum_timeout").contains("time limit of 0.500 s"), details.get("spectrum_timeout"));
        }
    }

    private static int runIndex(Checkpoint c) {
        String run = c.metadata().runId();
        return Integer.parseInt(run.substring(run.lastIndexOf('-') + 1));
    }

    private static void publishOutcomes(KafkaCheckpointSink sink, String study, int from, int to) {
        for (int i = from; i < to; i++) {
            sink.publishOutcome(new Outcome(run(study, i), study, FINAL_LOSS[i], TOTAL_EPOCHS, Outcome.COMPLETED));
        }
    }
}
