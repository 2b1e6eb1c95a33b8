package io.aelle.monitor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.kafka.BundleTable;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.ops.PrometheusServer.ScrapeJob;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every query of dashboards/aelle-monitor.json, evaluated by a real Prometheus that scrapes the running job
 * (embedded broker + MiniCluster) every second while a small stream with outcomes flows through. A query
 * that Prometheus rejects, or that returns no series, fails the test.
 */
class DashboardOnPrometheusTest {

    /** The study of the embedding bundle shipped on the classpath; the job runs its production analyzer. */
    static final String STUDY = "synthetic-tiny";
    private static final double THRESHOLD = 0.1;
    private static final int RUNS = 4;
    private static final int EPOCHS = 4;

    @Test
    @Timeout(300)
    void everyPanelQueryReturnsSeriesFromTheRunningMonitor() throws Exception {
        Path prometheus = PrometheusServer.binary().orElse(null);
        assumeTrue(prometheus != null, "prometheus is not on PATH: skipping the real-Prometheus dashboard check "
                + "(install: apt-get install -y --no-install-recommends prometheus; .ci/run does)");
        GrafanaDashboard dashboard = GrafanaDashboard.read(RepoFiles.dashboard());

        // As run and demo do: no bundle in the analyzer, the study's bundle published to the bundles table.
        try (MonitorStack stack = MonitorStack.start(new BundleAnalyzers(SpectrumEngines.CPU, List.of()));
             PrometheusServer prom = PrometheusServer.start(prometheus, Duration.ofSeconds(1), List.of(
                     new ScrapeJob("aelle-monitor", MonitorContract.METRICS_PATH, List.of("127.0.0.1:" + stack.monitorMetricsPort)),
                     new ScrapeJob("flink", "/metrics", List.of("127.0.0.1:" + stack.flinkMetricsPort))))) {
            BundleTable.publish(KafkaWiring.defaults(stack.kafka.bootstrapServers()), BundleTable.read(List.of(STUDY)), 0);
            feed(stack.kafka.bootstrapServers());

            awaitTrue(Duration.ofSeconds(180), () -> MonitorContract.METRICS.stream()
                            .allMatch(m -> prom.query("count(" + m + "{job=\"aelle-monitor\"})").size() > 0)
                            && prom.query("aelle_checkpoints_total{result=\"dead_letter\"}").size() > 0
                            && prom.query("sum(aelle_confusion{cell=~\"tp|fp|fn|tn\"}) >= " + (2 * RUNS * EPOCHS)).size() > 0
                            // Flink's reporter registers the Kafka sources' lag once they have fetched.
                            && prom.query("count(flink_taskmanager_job_task_operator_pendingRecords)").size() > 0
                            && prom.targets().values().stream().allMatch("up"::equals)
                            // rate() needs two samples in its window: every series scraped at least 3 times.
                            && java.util.stream.Stream.concat(MonitorContract.METRICS.stream(),
                                            java.util.stream.Stream.of("flink_taskmanager_job_task_operator_pendingRecords"))
                                    .allMatch(m -> prom.query("min(count_over_time(" + m + "[15s])) >= 3").size() > 0),
                    () -> "metrics never all appeared; targets " + prom.targets());

            // Grafana's label_values(aelle_checkpoints_total, study) for the study variable.
            assertTrue(prom.labelValues("study", "aelle_checkpoints_total").contains(STUDY));

            Map<String, String> failures = new LinkedHashMap<>();
            int evaluated = 0;
            for (Map<String, String> selection : List.of(selection(STUDY, ".*"), selection(".*", ".*"), selection(STUDY, "aelle|loss-threshold"))) {
                for (GrafanaDashboard.Target t : dashboard.targets()) {
                    String query = GrafanaDashboard.expand(t.expr(), selection);
                    evaluated++;
                    try {
                        JsonNode result = prom.query(query);
                        if (result.isEmpty()) {
                            failures.put(t + " " + selection, "no series for: " + query);
                        }
                    } catch (IllegalArgumentException e) {
                        failures.put(t + " " + selection, e.getMessage() + " in: " + query);
                    }
                }
            }
            if (!failures.isEmpty()) {
                StringBuilder msg = new StringBuilder(failures.size() + " of " + evaluated + " panel queries failed:");
                failures.forEach((k, v) -> msg.append("\n  ").append(k).append(": ").append(v));
                fail(msg.toString());
            }
            // The plane really holds each run's point (and the audited run's), both axes.
            assertEquals(2 * (RUNS + 1), prom.query("aelle_run_embedding{study=\"" + STUDY + "\"}").size());
        }
    }

    /** A probe, RUNS runs of EPOCHS checkpoints (half contracting, half chaotic), one NaN checkpoint, outcomes, a stop and an audit. */
    private static void feed(String bootstrap) {
        try (KafkaCheckpointSink sink = KafkaCheckpointSink.connect(bootstrap)) {
            sink.publishProbe(MonitorStack.probe(STUDY, THRESHOLD, 2, 40, 7));
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                for (int run = 0; run < RUNS; run++) {
                    boolean good = run % 2 == 0;
                    double valLoss = (good ? 0.05 : 0.6) + 0.5 / epoch;
                    Checkpoint c = MonitorStack.rnnCheckpoint("run-" + run, STUDY, epoch, EPOCHS, 8, good ? 0.5 : 3.0,
                            valLoss, 100L * run + epoch);
                    sink.publishCheckpoint(c);
                }
            }
            sink.publishCheckpoint(MonitorStack.withNaN(
                    MonitorStack.rnnCheckpoint("run-nan", STUDY, 1, EPOCHS, 8, 1.0, 1.0, 999)));
            for (int run = 0; run < RUNS; run++) {
                sink.publishOutcome(new Outcome("run-" + run, STUDY, run % 2 == 0 ? 0.05 : 0.6, EPOCHS, Outcome.COMPLETED));
            }
            // a run stopped early (aelle_runs_stopped_total) and an audited would-be stop (aelle_stop_audits_total)
            sink.publishCheckpoint(MonitorStack.rnnCheckpoint("run-audit", STUDY, 1, EPOCHS, 8, 3.0, 1.1, 998));
            sink.publishOutcome(new Outcome("run-stopped", STUDY, 0.9, 1, Outcome.STOPPED_EARLY));
            sink.publishOutcome(new Outcome("run-audit", STUDY, 0.6, EPOCHS, Outcome.COMPLETED, true));
            sink.flush();
        }
    }

    /** The variables as Grafana expands them; "All" of a multi-value variable is its allValue, .* */
    private static Map<String, String> selection(String study, String predictor) {
        Map<String, String> values = new HashMap<>();
        values.put("study", study);
        values.put("predictor", predictor);
        // Grafana: max(4 x scrape interval, step + scrape interval); 1 s scrapes here.
        values.put("__rate_interval", "15s");
        values.put("__interval", "1s");
        return values;
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> why) {
        Instant end = Instant.now().plus(timeout);
        List<RuntimeException> errors = new ArrayList<>();
        while (Instant.now().isBefore(end)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                errors.add(e);
            }
            PrometheusServer.sleep(1000);
        }
        fail(why.get() + (errors.isEmpty() ? "" : "; last error " + errors.get(errors.size() - 1)));
    }
}
