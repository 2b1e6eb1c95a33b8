package io.aelle.app.bench;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.model.embedding.Embedding;
import io.aelle.monitor.MonitorOptions;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.local.CommittedReader;
import io.aelle.monitor.local.LocalMonitor;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.wire.Verdict;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench stream}: checkpoints of many concurrent runs through the embedded stack (KRaft broker, MiniCluster,
 * exactly-once verdicts), at stepped offered rates. Prints one JSON line per rate with the publish→verdict latency
 * as a {@code read_committed} reader sees it (end to end, including the wait for the Flink checkpoint that commits
 * the verdict) and as the verdict records it (publish → verdict computed), then the highest rate the job sustains.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Streams LSTM checkpoints of --runs concurrent runs through the embedded Kafka + Flink stack at",
                "stepped rates; prints p50/p99 publish->verdict latency per rate and the sustained checkpoints/s."})
public final class BenchStreamCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "50", description = "concurrent runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--hidden", defaultValue = "64", description = "LSTM hidden size (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--batch", defaultValue = "15", description = "probe sequences B (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "28", description = "probe steps T (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--inputs", defaultValue = "28", description = "input features I (default: ${DEFAULT-VALUE})")
    int inputs;

    @Option(names = "--warmup", defaultValue = "500", description = "spectrum warm-up steps (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--rates", split = ",", description = "offered checkpoints/s, in order (default: one per run per "
            + "minute, then 1, 2, 4, 8, 16 until the job falls behind)")
    List<Double> rates;

    @Option(names = "--step-seconds", defaultValue = "30", description = "how long each rate is offered (default: ${DEFAULT-VALUE})")
    int stepSeconds;

    @Option(names = "--bundle", defaultValue = MonitorOptions.DEFAULT_BUNDLE, description = "embedding bundle (default: ${DEFAULT-VALUE})")
    String bundle;

    @Option(names = "--engine", defaultValue = SpectrumEngines.CPU, description = "spectrum engine: cpu, or djl (GPU from Flink's gpu external resource, else CPU) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--parallelism", defaultValue = "1", description = "job parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "PT0.5S",
            description = "Flink checkpoint interval, which bounds how soon verdicts commit (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    private static final int WARMUP_CHECKPOINTS = 6;
    private static final double WARMUP_RATE = 1.0;

    /** One verdict as the bench saw it. */
    private record Seen(long publishedAt, long receivedAt, long computeMs) {}

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || stepSeconds < 1) {
            throw new IllegalArgumentException("--runs and --step-seconds must be >= 1");
        }
        String study = BundleAnalyzers.load(bundle).study();
        List<Double> offered = rates != null ? rates : List.of(runs / 60.0, 1.0, 2.0, 4.0, 8.0, 16.0);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            KafkaWiring wiring = KafkaWiring.defaults(kafka.bootstrapServers());
            MonitorSettings settings = MonitorSettings.defaults().withCheckpointInterval(checkpointInterval).withMetrics("127.0.0.1", -1);
            try (LocalMonitor monitor = LocalMonitor.start(wiring, new BundleAnalyzers(engine, List.of(bundle)), settings, parallelism);
                 KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), wiring.topics())) {
                sink.publishProbe(SyntheticRuns.probe(study, 0.5, batch, steps, inputs, warmup, 1));
                Map<String, Long> published = new ConcurrentHashMap<>();
                List<Seen> seen = new CopyOnWriteArrayList<>();
                AtomicBoolean reading = new AtomicBoolean(true);
                Thread reader = startReader(kafka.bootstrapServers(), wiring.topics().verdicts(), published, seen, reading);
                int[] epochs = new int[runs];
                double sustained = 0;
                try {
                    // Warm-up, not reported: job start, JIT, first transactions.
                    StepResult warm = step(monitor.metrics(), sink, study, WARMUP_RATE, epochs, published, seen, WARMUP_CHECKPOINTS);
                    System.err.printf(Locale.ROOT, "warm-up: %d of %d verdicts%n", warm.seen().size(), WARMUP_CHECKPOINTS);
                    for (double rate : offered) {
                        StepResult r = step(monitor.metrics(), sink, study, rate, epochs, published, seen, Math.max(1, (int) Math.round(rate * stepSeconds)));
                        System.out.println(r.json(runs, hidden, batch, steps, checkpointInterval.toMillis()));
                        if (!r.keptUp()) {
                            break;
                        }
                        sustained = rate;
                    }
                } finally {
                    reading.set(false);
                    reader.join(10_000);
                }
                System.out.printf(Locale.ROOT, "{\"case\":\"stream-sustained\",\"runs\":%d,\"sustained_checkpoints_per_s\":%.3f}%n", runs, sustained);
            }
        }
        return 0;
    }

    private StepResult step(MonitorMetrics metrics, KafkaCheckpointSink sink, String study, double rate, int[] epochs, Map<String, Long> published,
                            List<Seen> seen, int total) throws InterruptedException {
        long periodNanos = (long) (1e9 / rate);
        int before = seen.size();
        Timer spectra = metrics.registry().get("aelle.spectrum").timer();
        long spectraBefore = spectra.count();
        double spectraMsBefore = spectra.totalTime(TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int run = i % runs;
            String runId = "bench-run-" + run;
            int epoch = epochs[run]++;
            var checkpoint = SyntheticRuns.lstm(runId, study, epoch, Integer.MAX_VALUE, hidden, inputs, 1.0, 1.0, run * 100_003L + epoch);
            published.put(runId + "@" + epoch, System.currentTimeMillis());
            sink.publishCheckpoint(checkpoint);
        }
        long offeredEnd = System.nanoTime();
        // Drain: wait for this step's verdicts (bounded, so an overloaded step still reports).
        long deadline = offeredEnd + Duration.ofSeconds(Math.max(30, stepSeconds)).toNanos();
        while (seen.size() - before < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<Seen> step = new ArrayList<>(seen.subList(before, Math.min(seen.size(), before + total)));
        long spectraDone = spectra.count() - spectraBefore;
        double spectrumMs = spectraDone == 0 ? Double.NaN : (spectra.totalTime(TimeUnit.MILLISECONDS) - spectraMsBefore) / spectraDone;
        return new StepResult(rate, total, step, (offeredEnd - start) / 1e9, spectrumMs);
    }

    private static Thread startReader(String bootstrap, String topic, Map<String, Long> published, List<Seen> seen,
                                      AtomicBoolean reading) {
        Thread t = new Thread(() -> {
            try (CommittedReader reader = new CommittedReader(bootstrap, topic)) {
                while (reading.get()) {
                    for (CommittedReader.Received r : reader.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        Verdict v = r.verdict();
                        Long at = published.get(v.runId() + "@" + v.epoch());
                        if (at != null) {
                            seen.add(new Seen(at, now, v.latencyMs()));
                        }
                    }
                }
            }
        }, "bench-verdict-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * One offered rate: latencies, and whether the job kept up (all verdicts in, latency not climbing).
     *
     * @param spectrumMs mean time of the step's spectra in the engine (the job's {@code aelle.spectrum} timer)
     */
    private record StepResult(double rate, int published, List<Seen> seen, double offeredSeconds, double spectrumMs) {

        double[] endToEnd(List<Seen> s) {
            return s.stream().mapToDouble(x -> x.receivedAt - x.publishedAt).toArray();
        }

        /** Median latency of the last third over the first third: above 1.5 the queue is growing. */
        double growth() {
            int third = seen.size() / 3;
            if (third < 2) {
                return 1.0;
            }
            double first = LatencyStats.percentile(endToEnd(seen.subList(0, third)), 50);
            double last = LatencyStats.percentile(endToEnd(seen.subList(seen.size() - third, seen.size())), 50);
            return last / Math.max(first, 1);
        }

        boolean keptUp() {
            return seen.size() == published && growth() <= 1.5;
        }

        String json(int runs, int hidden, int batch, int steps, long checkpointMs) {
            double[] e2e = endToEnd(seen);
            double[] compute = seen.stream().mapToDouble(Seen::computeMs).toArray();
            return String.format(Locale.ROOT, "{\"case\":\"stream\",\"runs\":%d,\"arch\":\"lstm-%d\",\"B\":%d,\"T\":%d,"
                            + "\"checkpoint_interval_ms\":%d,\"offered_per_s\":%.3f,\"published\":%d,\"verdicts\":%d,"
                            + "\"p50_ms\":%.0f,\"p99_ms\":%.0f,\"p50_compute_ms\":%.0f,\"p99_compute_ms\":%.0f,"
                            + "\"mean_spectrum_ms\":%.1f,\"latency_growth\":%.2f,\"kept_up\":%b}",
                    runs, hidden, batch, steps, checkpointMs, rate, published, seen.size(),
                    LatencyStats.percentile(e2e, 50), LatencyStats.percentile(e2e, 99),
                    LatencyStats.percentile(compute, 50), LatencyStats.percentile(compute, 99), spectrumMs, growth(), keptUp());
        }
    }
}
