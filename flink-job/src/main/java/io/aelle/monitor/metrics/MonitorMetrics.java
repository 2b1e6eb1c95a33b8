package io.aelle.monitor.metrics;

import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.monitor.score.Cell;
import io.aelle.monitor.score.ConfusionCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The monitor's Prometheus metrics, fed by the job's operators. Not a singleton: the process's entry makes one
 * and hands the job a {@link MetricsProvider} for it (one per task manager JVM on a cluster,
 * {@link TaskManagerMetrics}; the caller's own in a local run or a test, {@link InProcessMetrics}). Micrometer names map to the exported ones by Prometheus convention:
 * counter {@code aelle.checkpoints} → {@code aelle_checkpoints_total}, timer {@code aelle.spectrum} →
 * {@code aelle_spectrum_seconds}, gauge {@code aelle.precision} → {@code aelle_precision}.
 */
public final class MonitorMetrics {

    /** Most recent runs kept on the {@code aelle_run_embedding} scatter; older ones are removed. */
    public static final int EMBEDDED_RUNS_KEPT = 500;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Live scoring instances reporting here, each counting its runs with verdicts and no outcome. */
    private final Set<LongSupplier> activeRunCounters = ConcurrentHashMap.newKeySet();
    private final Timer spectrumTimer;
    private final Timer verdictLatency;
    private final Map<String, ConfusionGauges> tables = new HashMap<>();
    private final Map<String, Meter> bundleInfo = new HashMap<>();
    /** Per study: {audits that ended high error, audits}. */
    private final Map<String, long[]> stopAudits = new HashMap<>();
    private final LinkedHashMap<String, RunPoint> runPoints = new LinkedHashMap<>();
    private MetricsServer server;

    public MonitorMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        spectrumTimer = Timer.builder("aelle.spectrum")
                .description("Time to compute one checkpoint's Lyapunov spectrum")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        verdictLatency = Timer.builder("aelle.verdict.latency")
                .description("Checkpoint publish to verdict")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        // Every reason exists from start, at 0: a rate over a counter that appears with its first increment
        // misses that increment, and the dashboard panel would be empty until something goes wrong.
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetterCounter(reason);
        }
        Gauge.builder("aelle.runs.active", activeRunCounters, c -> c.stream().mapToLong(LongSupplier::getAsLong).sum())
                .description("Runs with verdicts and no outcome yet (scoring instances in this JVM)")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@code /metrics} on the given port (0: any free port) unless this registry is served already; returns the port.
     */
    public synchronized int serve(String host, int port) {
        if (server == null) {
            try {
                server = MetricsServer.start(host, port, registry.getPrometheusRegistry());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve /metrics on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }
        return server.port();
    }

    public synchronized void stopServing() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public void checkpoint(String studyId, String result) {
        Counter.builder("aelle.checkpoints")
                .description("Checkpoints processed, by result")
                .tags("study", studyId == null ? "unknown" : studyId, "result", result)
                .register(registry)
                .increment();
    }

    /** A run whose verdicts waited the outcome wait without an outcome: {@code aelle_runs_expired_total{study}}. */
    public void runExpired(String studyId) {
        Counter.builder("aelle.runs.expired")
                .description("Runs whose pending verdicts expired without an outcome")
                .tags("study", studyId == null ? "unknown" : studyId)
                .register(registry)
                .increment();
    }

    /** Counts one record sent to the dead letters, as {@code aelle_dead_letters_total{reason}}. */
    public void deadLetter(DeadLetterReason reason) {
        deadLetterCounter(reason).increment();
    }

    private Counter deadLetterCounter(DeadLetterReason reason) {
        return Counter.builder("aelle.dead.letters")
                .description("Records sent to the dead letters, by reason")
                .tags("reason", reason.id())
                .register(registry);
    }

    public void spectrum(long nanos) {
        spectrumTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void verdict(VerdictEvent v) {
        verdictCounter(v.studyId, v.verdictLabel()).increment();
        // The study's UNKNOWN count exists from its first verdict, at 0, so the dashboard's panel has a series.
        verdictCounter(v.studyId, io.aelle.wire.Verdict.UNKNOWN);
        verdictLatency.record(Math.max(0, v.latencyMs()), TimeUnit.MILLISECONDS);
    }

    private Counter verdictCounter(String studyId, String verdict) {
        return Counter.builder("aelle.verdicts")
                .description("Verdicts issued by the embedding; verdict UNKNOWN while the study has no bundle")
                .tags("study", studyId, "verdict", verdict)
                .register(registry);
    }

    /**
     * Moves the verdict's run to its latest point on {@code aelle_run_embedding{study,run_id,axis}} (the
     * {@value #EMBEDDED_RUNS_KEPT} most recent runs). Opt-in ({@code --export-run-embedding}): two series per run.
     */
    public void runEmbedding(VerdictEvent v) {
        runPoint(v.studyId, v.runId, v.pc1, v.pc2);
    }

    /** A run of the study was stopped early: it has no final loss and stays out of the confusion counts. */
    public void runStopped(String studyId) {
        Counter.builder("aelle.runs.stopped")
                .description("Runs whose outcome is stopped_early (not scored)")
                .tags("study", studyId)
                .register(registry)
                .increment();
    }

    /**
     * An audited would-be-stopped run ended: counted in {@code aelle_stop_audits_total{study,result}} (result
     * high_error = the stop would have been right); {@code aelle_stop_precision{study}} is the share of this registry's
     * audits that ended high error (across several task managers: the ratio of the summed counters).
     */
    public synchronized void stopAudit(String studyId, boolean highError) {
        Counter.builder("aelle.stop.audits")
                .description("Audited runs: the early-stop rule would have stopped them, they trained on")
                .tags("study", studyId, "result", highError ? "high_error" : "low_error")
                .register(registry)
                .increment();
        long[] counts = stopAudits.computeIfAbsent(studyId, s -> {
            long[] c = new long[2];
            Gauge.builder("aelle.stop.precision", c, x -> x[1] == 0 ? Double.NaN : (double) x[0] / x[1])
                    .description("Share of audited would-be-stopped runs that ended high error")
                    .tags("study", s)
                    .register(registry);
            return c;
        });
        counts[0] += highError ? 1 : 0;
        counts[1]++;
    }

    /** Adds a scoring instance's count of active runs (kept in its checkpointed state) to {@code aelle_runs_active}. */
    public void addActiveRuns(LongSupplier counter) {
        activeRunCounters.add(counter);
    }

    public void removeActiveRuns(LongSupplier counter) {
        activeRunCounters.remove(counter);
    }

    /**
     * {@code aelle_bundle_info{study,embedding,runs,created_at,source}} = 1 for the bundle each study uses now (the
     * series of the bundle it replaced is removed).
     */
    public synchronized void bundleInfo(io.aelle.model.embedding.BundleProvenance p) {
        bundleRemoved(p.study());
        bundleInfo.put(p.study(), Gauge.builder("aelle.bundle.info", () -> 1)
                .description("The embedding bundle each study's verdicts use now (value 1)")
                .tags("study", p.study(), "embedding", p.embedding() == null ? "" : p.embedding(), "runs", Integer.toString(p.runs()),
                        "created_at", p.createdAt(), "source", p.source())
                .register(registry));
    }

    /** The study's bundle was withdrawn (a tombstone on the bundles table): its info series goes. */
    public synchronized void bundleRemoved(String studyId) {
        Meter old = bundleInfo.remove(studyId);
        if (old != null) {
            registry.remove(old);
        }
    }

    public synchronized void confusion(ConfusionSnapshot s) {
        String key = s.studyId + '|' + s.predictor + '|' + s.fraction;
        tables.computeIfAbsent(key, k -> new ConfusionGauges(Tags.of("study", s.studyId, "predictor", s.predictor,
                "fraction", s.fraction))).counts = s.counts.copy();
    }

    private synchronized void runPoint(String studyId, String runId, double pc1, double pc2) {
        String key = studyId + '|' + runId;
        RunPoint p = runPoints.remove(key); // re-inserted last: the map's order is recency
        if (p == null) {
            p = new RunPoint(Tags.of("study", studyId, "run_id", runId));
        }
        p.pc1 = pc1;
        p.pc2 = pc2;
        runPoints.put(key, p);
        Iterator<RunPoint> oldest = runPoints.values().iterator();
        while (runPoints.size() > EMBEDDED_RUNS_KEPT) {
            oldest.next().remove();
            oldest.remove();
        }
    }

    /** The gauges of one confusion table; they read the latest counts. */
    private final class ConfusionGauges {
        volatile ConfusionCounts counts = new ConfusionCounts();

        ConfusionGauges(Tags tags) {
            gauge("aelle.precision", tags, () -> counts.table().precision());
            gauge("aelle.recall", tags, () -> counts.table().recall());
            gauge("aelle.f1", tags, () -> counts.table().f1());
            for (Cell cell : Cell.values()) {
                gauge("aelle.confusion", tags.and("cell", cell.tag()), () -> counts.count(cell));
            }
        }

        private void gauge(String name, Tags tags, java.util.function.DoubleSupplier value) {
            Gauge.builder(name, value, java.util.function.DoubleSupplier::getAsDouble).tags(tags)
                    .strongReference(true).register(registry);
        }
    }

    /** One run's latest position on the embedding plane. */
    private final class RunPoint {
        volatile double pc1;
        volatile double pc2;
        private final Meter pc1Gauge;
        private final Meter pc2Gauge;

        RunPoint(Tags tags) {
            pc1Gauge = Gauge.builder("aelle.run.embedding", this, p -> p.pc1).tags(tags.and("axis", "pc1"))
                    .strongReference(true).register(registry);
            pc2Gauge = Gauge.builder("aelle.run.embedding", this, p -> p.pc2).tags(tags.and("axis", "pc2"))
                    .strongReference(true).register(registry);
        }

        void remove() {
            registry.remove(pc1Gauge);
            registry.remove(pc2Gauge);
        }
    }
}
