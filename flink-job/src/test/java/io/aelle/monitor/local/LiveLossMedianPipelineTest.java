package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.wire.RunTruth;
import io.aelle.model.embedding.Projection;
import io.aelle.model.confusion.Confusion;
import io.aelle.model.evaluation.LossMedianBaseline;
import io.aelle.model.evaluation.LossQuantiles;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.LyapunovAnalyzer;
import io.aelle.monitor.analysis.StudyModel;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.score.FractionBucket;
import io.aelle.wire.Outcome;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live {@code loss-median} (MedianPruner's rule in the job) against the offline {@code loss-median} predictor of
 * the same runs, end to end on the embedded broker and a MiniCluster. Runs are published in waves, each wave once the
 * previous one's verdicts are committed, so the losses each live verdict is compared with are known: the history runs'
 * and the earlier scored runs'. Offline, {@link LossMedianBaseline} is fitted on exactly those rows.
 */
class LiveLossMedianPipelineTest {

    private static final String STUDY = "median";
    private static final int TOTAL_EPOCHS = 4;
    private static final double THRESHOLD = 0.3;
    /** The bundle's low-error share: the live q (not the 0.5 default). */
    private static final double Q = 0.4;
    /** Runs 0-4 only fill the samples (stopped early: never scored); runs 5-8 are scored, one wave each. */
    private static final int HISTORY = 5;
    private static final double[] FINAL_LOSS = {0.2, 0.5, 0.1, 0.8, 0.35, 0.15, 0.6, 0.25, 0.4};
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

    /** Losses that fall at different speeds, so the runs' ranks change from one fraction to the next. */
    private static double valLoss(int run, int epoch) {
        double f = (double) epoch / TOTAL_EPOCHS;
        return FINAL_LOSS[run] + (0.3 + 0.25 * ((run * 7) % 5)) * (1 - f) * (1 - f);
    }

    private static List<Checkpoint> checkpoints(int run) {
        List<Checkpoint> out = new ArrayList<>();
        for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
            out.add(TestRuns.checkpoint(STUDY + "-run-" + run, STUDY, epoch, TOTAL_EPOCHS, 1.0, valLoss(run, epoch), TestRuns.INPUTS));
        }
        return out;
    }

    private static DatasetRow row(int run, int epoch) {
        return new DatasetRow(STUDY + "-run-" + run, "{}", epoch, TOTAL_EPOCHS, valLoss(run, epoch), FINAL_LOSS[run], 1, new double[] {0});
    }

    /** The test plane with the bundle's low-error share. */
    private static AnalyzerFactory analyzers() {
        return () -> new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of(STUDY, planeWithQ()));
    }

    private static StudyModel planeWithQ() {
        StudyModel plane = TestRuns.plane(0);
        return new StudyModel() {
            @Override
            public Projection project(double[] spectrum) {
                return plane.project(spectrum);
            }

            @Override
            public double lossMedianQ() {
                return Q;
            }
        };
    }

    /** Waits until the verdicts topic holds this many committed verdicts: every stage has then seen their checkpoints. */
    private static void awaitCommittedVerdicts(KafkaWiring w, int expected) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (CommittedReader reader = new CommittedReader(w.bootstrapServers(), w.topics().verdicts())) {
            while (seen.size() < expected && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(300)).forEach(r -> seen.add(r.verdict().runId() + "@" + r.verdict().epoch()));
            }
        }
        assertEquals(expected, seen.size(), "committed verdicts");
    }

    /** Each test's job reports to a registry of its own. */
    private final MonitorMetrics metrics = new MonitorMetrics();

    private double gauge(String name, String fraction, String cell) {
        var search = metrics.registry().find(name).tags("study", STUDY, "predictor", "loss-median", "fraction", fraction);
        if (cell != null) {
            search = search.tag("cell", cell);
        }
        Gauge g = search.gauge();
        return g == null ? Double.NaN : g.value();
    }

    @Test
    void liveLossMedianFiguresEqualTheOfflineLossMedianOfTheSameRuns() throws Exception {
        Topics t = new Topics(STUDY + ".checkpoints", STUDY + ".outcomes", STUDY + ".probes", STUDY + ".verdicts", STUDY + ".dead-letters");
        KafkaWiring w = KafkaWiring.defaults(kafka.bootstrapServers()).withTopics(t).withGroup(STUDY, STUDY);
        MonitorSettings settings = MonitorSettings.defaults().withProbeHold(Duration.ofSeconds(60))
                .withCheckpointInterval(Duration.ofMillis(300)).withMetrics("127.0.0.1", -1);
        Probe probe = TestRuns.probe(STUDY, THRESHOLD);

        // Offline: each scored run against the rows published before it, by the offline predictor.
        Map<String, List<boolean[]>> expected = new TreeMap<>(); // bucket -> (predicted, actual)
        List<DatasetRow> before = new ArrayList<>();
        for (int run = 0; run < HISTORY; run++) {
            for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
                before.add(row(run, epoch));
            }
        }
        for (int run = HISTORY; run < FINAL_LOSS.length; run++) {
            LossMedianBaseline offline = new LossMedianBaseline(LossQuantiles.of(before), Q);
            boolean actual = RunTruth.of(Outcome.COMPLETED, FINAL_LOSS[run], THRESHOLD) == RunTruth.LOW_ERROR;
            for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
                DatasetRow r = row(run, epoch);
                expected.computeIfAbsent(FractionBucket.of(r.fraction()), k -> new ArrayList<>())
                        .add(new boolean[] {offline.lowError(r), actual});
            }
            for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
                before.add(row(run, epoch));
            }
        }

        try (LocalMonitor monitor = LocalMonitor.start(w, analyzers(), metrics, settings, 2, null, -1);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(probe);
            for (int run = 0; run < HISTORY; run++) {
                checkpoints(run).forEach(sink::publishCheckpoint);
                sink.publishOutcome(new Outcome(STUDY + "-run-" + run, STUDY, FINAL_LOSS[run], 2, Outcome.STOPPED_EARLY));
            }
            sink.flush();
            int published = HISTORY * (TOTAL_EPOCHS + 1);
            awaitCommittedVerdicts(w, published);
            for (int run = HISTORY; run < FINAL_LOSS.length; run++) {
                checkpoints(run).forEach(sink::publishCheckpoint);
                sink.publishOutcome(new Outcome(STUDY + "-run-" + run, STUDY, FINAL_LOSS[run], TOTAL_EPOCHS, Outcome.COMPLETED));
                sink.flush();
                published += TOTAL_EPOCHS + 1;
                awaitCommittedVerdicts(w, published);
            }

            Set<Boolean> predictions = new HashSet<>();
            for (var e : expected.entrySet()) {
                boolean[] predicted = new boolean[e.getValue().size()];
                boolean[] actual = new boolean[predicted.length];
                for (int k = 0; k < predicted.length; k++) {
                    predicted[k] = e.getValue().get(k)[0];
                    actual[k] = e.getValue().get(k)[1];
                    predictions.add(predicted[k]);
                }
                Confusion c = Confusion.of(predicted, actual);
                String f = e.getKey();
                awaitScored(f, predicted.length);
                assertEquals(c.tp(), gauge("aelle.confusion", f, "tp"), f + " tp");
                assertEquals(c.fp(), gauge("aelle.confusion", f, "fp"), f + " fp");
                assertEquals(c.fn(), gauge("aelle.confusion", f, "fn"), f + " fn");
                assertEquals(c.tn(), gauge("aelle.confusion", f, "tn"), f + " tn");
                assertEquals(c.precision(), gauge("aelle.precision", f, null), 1e-12, f);
                assertEquals(c.recall(), gauge("aelle.recall", f, null), 1e-12, f);
                assertEquals(c.f1(), gauge("aelle.f1", f, null), 1e-12, f);
            }
            assertEquals(Set.of(true, false), predictions, "both verdicts occur, so the tables are not trivial");
            assertTrue(expected.size() >= 5, "one table per checkpoint fraction");
        }
    }

    private void awaitScored(String fraction, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double scored = Double.NaN;
        while (System.nanoTime() < deadline) {
            scored = metrics.registry().find("aelle.confusion")
                    .tags("study", STUDY, "predictor", "loss-median", "fraction", fraction).gauges().stream()
                    .mapToDouble(Gauge::value).sum();
            if (scored == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("loss-median at " + fraction + " scored " + scored + " verdicts, expected " + expected);
    }
}
