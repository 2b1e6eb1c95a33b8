package io.aelle.app.demo;

import io.aelle.app.model.Charts;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.model.dataset.LossMedianRule;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.evaluation.Report;
import io.aelle.model.evaluation.ReportRow;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.autotrain.AutoTraining;
import io.aelle.monitor.MonitorOptions;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.kafka.BundleTable;
import io.aelle.producer.trainer.StudyTrainer;
import io.aelle.app.producer.TrainerOptions;
import picocli.CommandLine.Mixin;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.local.CommittedReader;
import io.aelle.monitor.local.LocalMonitor;
import io.aelle.monitor.local.StateDirectory;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.score.Scoring;
import io.aelle.producer.data.DataDirectory;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.producer.sweep.Sweep;
import io.aelle.producer.sweep.SweepReport;
import io.aelle.producer.sweep.SweepSpec;
import io.aelle.producer.task.Task;
import io.aelle.producer.task.Tasks;
import io.aelle.wire.Outcome;
import io.aelle.wire.RunTruth;
import io.aelle.wire.Verdict;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole system on one machine. An embedded KRaft broker, the monitor job on a Flink MiniCluster
 * with {@code /metrics}, the default demo sweep training real variants and streaming them, and the shipped bundle.
 * Shows a live table, then the Table-1 summary computed from the live metrics; writes PNGs and demo-report.md.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs everything on this machine: embedded Kafka, the monitor job (Flink MiniCluster), /metrics and the demo sweep.",
                "Trains real RNN variants, shows a live table, then a Table-1 summary from the live metrics; writes PNGs and demo-report.md in --output."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration REDRAW = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final int LOG_EVERY = 10;
    /** A cold start trains on the first finished runs: more variants than the profile's leave more to judge after. */
    static final int COLD_START_VARIANTS = 32;
    static final int COLD_START_MIN_RUNS = 12;

    @Option(names = "--output", description = "output folder (default: demo-YYYYMMDD-HHMMSS)")
    Path output;

    @Option(names = "--keep-running", description = {"leave the broker, job and /metrics up after the summary, until interrupted. "
            + "The broker's data and the job's Flink checkpoints are then kept in --state-dir: the same command started again "
            + "resumes that system (no new sweep) from its latest checkpoint"})
    boolean keepRunning;

    @Option(names = "--state-dir", description = "with --keep-running: folder of the kept broker data (kafka/) and job state (flink/) "
            + "(default: .aelle/demo in the project; remove it for a new demo)")
    Path stateDir;

    @Option(names = "--bundle", defaultValue = MonitorOptions.DEFAULT_BUNDLE, description = "embedding bundle (default: ${DEFAULT-VALUE})")
    String bundle;

    @Option(names = "--cold-start", description = {"a new study with no bundle (the sweep streams under '<bundle's study>-cold-start'): "
            + "its first checkpoints get UNKNOWN verdicts, the auto-trainer trains a bundle from the first finished runs and "
            + "publishes it live, later checkpoints get verdicts; the report says when the bundle arrived and the F1 after. "
            + "Implies --auto-train; --variants defaults to " + COLD_START_VARIANTS + " and --min-runs to " + COLD_START_MIN_RUNS})
    boolean coldStart;

    @Option(names = "--auto-train", description = "also run the auto-trainer in this process (see `trainer --help`); its log goes to "
            + "trainer.log in --output")
    boolean autoTrain;

    @Mixin
    TrainerOptions trainerOptions;

    @Option(names = "--engine", defaultValue = SpectrumEngines.CPU, description = "spectrum engine: cpu, or djl (GPU from Flink's gpu external resource, else CPU) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--metrics-port", defaultValue = "" + MonitorSettings.DEFAULT_METRICS_PORT,
            description = "port of /metrics on 127.0.0.1; 0 for any free port (default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--flink-metrics-port", defaultValue = "" + LocalMonitor.DEFAULT_FLINK_METRICS_PORT,
            description = "port of Flink's own Prometheus metrics (Kafka source lag for the dashboard); -1 to disable "
                    + "(default: ${DEFAULT-VALUE})")
    int flinkMetricsPort;

    @Option(names = "--kafka-port", defaultValue = "0", description = "broker port; 0 for any free port (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--variants", description = "variants to train (default: the demo profile's)")
    Integer variants;

    @Option(names = "--epochs", description = "epochs per run (default: the demo profile's)")
    Integer epochs;

    /** The shipped bundle's 128-run study was sampled with the profile's seed 1: the demo's runs must be new to it. */
    @Option(names = "--seed", defaultValue = "2", description = "seed of the demo's variants and data sampling; the shipped "
            + "bundle was trained on seed 1's study, so keep another seed for held-out runs (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", description = "runs trained at once (default: the number of cores)")
    Integer workers;

    @Option(names = "--data-dir", description = "data folder (default: ../shared/data if present, else ./data)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path out = output != null ? output
                : Path.of("demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Files.createDirectories(out);
        Embedding embedding = BundleAnalyzers.load(bundle);
        // The sweep streams under the bundle's study, so the job scores it; a cold start under a study no bundle knows.
        String study = coldStart ? embedding.study() + "-cold-start" : embedding.study();
        SweepSpec spec = spec(embedding);
        AutoTraining training = coldStart ? trainerOptions.training(COLD_START_MIN_RUNS)
                : autoTrain ? trainerOptions.training() : null;
        Task task = Tasks.create(spec.task(), DataDirectory.resolve(dataDir), spec.seed());
        int parallel = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        long expected = (long) spec.variants() * (spec.epochs() + 1);
        long start = System.nanoTime();

        Path kept = keepRunning ? (stateDir != null ? stateDir : StateDirectory.projectFolder().resolve("demo")) : null;
        StateDirectory jobState = kept == null ? null : keptJobState(kept);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaPort, kept == null ? null : kept.resolve("kafka"))) {
            KafkaWiring wiring = KafkaWiring.defaults(kafka.bootstrapServers());
            // A demo study is small: its dashboard shows every run on the embedding plane.
            MonitorSettings settings = MonitorSettings.defaults().withMetrics("127.0.0.1", metricsPort).withRunEmbedding(true);
            if (!coldStart) {
                BundleTable.publish(wiring, BundleTable.read(List.of(bundle)), 1);
            }
            // This process's registry, served from its start; the job's operators only report to it.
            MonitorMetrics metrics = new MonitorMetrics();
            int port = metrics.serve("127.0.0.1", metricsPort);
            try (LocalMonitor monitor = LocalMonitor.start(wiring, new BundleAnalyzers(engine, List.of()), metrics, settings, 1,
                    jobState, flinkMetricsPort);
                 PrintStream trainerLog = new PrintStream(Files.newOutputStream(out.resolve("trainer.log")), true, StandardCharsets.UTF_8);
                 StudyTrainer trainer = training == null ? null : trainerOptions.trainer(wiring.connection(), wiring.topics(),
                         wiring.maxRecordBytes(), training, line -> {
                             trainerLog.println(line);
                             if (line.contains(": publish") || line.contains(": no bundle")) {
                                 System.err.println("demo: " + line);
                             }
                         });
                 KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), wiring.topics());
                 PrintStream sweepLog = new PrintStream(Files.newOutputStream(out.resolve("sweep.log")), true, StandardCharsets.UTF_8)) {
                if (monitor.resumedFrom().isPresent()) {
                    System.err.printf("demo: resuming the kept demo in %s from checkpoint %s (no new sweep); metrics at "
                                    + "http://127.0.0.1:%d/metrics, Kafka at %s; Ctrl-C to stop%n",
                            kept, monitor.resumedFrom().get(), port, kafka.bootstrapServers());
                    monitor.job().getJobExecutionResult().get();
                    return 0;
                }
                System.err.printf("demo: Kafka %s, metrics http://127.0.0.1:%d/metrics%s, study %s (%d variants x %d epochs), output %s%n",
                        kafka.bootstrapServers(), port, flinkMetricsPort < 0 ? "" : " (Flink's: port " + flinkMetricsPort + ")",
                        study, spec.variants(), spec.epochs(), out);
                DemoState state = new DemoState();
                AtomicBoolean watching = new AtomicBoolean(true);
                Thread watcher = watch(wiring, state, watching, study);
                if (trainer != null) {
                    trainer.startInBackground();
                }
                long startedAt = System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000;
                CompletableFuture<SweepReport> sweep = CompletableFuture.supplyAsync(() -> train(spec, task, study, sink, parallel, sweepLog));
                boolean terminal = System.console() != null;
                LiveTable table = new LiveTable(System.out, terminal);
                long settleBy = Long.MAX_VALUE;
                for (long tick = 0; ; tick++) {
                    Thread.sleep(REDRAW.toMillis());
                    // In a terminal the table redraws in place; in a log, a copy every LOG_EVERY ticks is enough.
                    if (terminal || tick % LOG_EVERY == 0) {
                        table.draw(state, expected, spec.variants(), (System.nanoTime() - start) / 1e9);
                    }
                    if (sweep.isDone() && settleBy == Long.MAX_VALUE) {
                        settleBy = System.nanoTime() + SETTLE.toNanos();
                    }
                    // Every checkpoint has a verdict and its loss baseline is scored (once per checkpoint, UNKNOWN or not).
                    boolean allIn = sweep.isDone() && state.checkpointsWithVerdict() >= state.checkpoints()
                            && scored(metrics, study) >= state.checkpoints() && state.outcomes() >= spec.variants();
                    if (allIn || System.nanoTime() > settleBy) {
                        break;
                    }
                }
                table.draw(state, expected, spec.variants(), (System.nanoTime() - start) / 1e9);
                SweepReport report = sweep.join();
                List<ReportRow> rows = LiveMetricsTable.rows(metrics.registry(), study);
                String summary = LiveMetricsTable.markdown(rows);
                System.out.println();
                System.out.println("Table 1 (from the live aelle_* gauges), study " + study + ", loss threshold " + report.threshold());
                System.out.print(summary);
                if (coldStart) {
                    System.out.println();
                    System.out.print(ColdStartReport.markdown(state, report.threshold(), startedAt));
                }
                writeReport(out, study, coldStart ? null : embedding, report, rows, summary, state, port,
                        (System.nanoTime() - start) / 1e9, startedAt);
                System.err.println("demo: wrote " + out.resolve("demo-report.md"));
                if (keepRunning) {
                    System.err.printf("demo: still running; metrics at http://127.0.0.1:%d/metrics, Kafka at %s; Ctrl-C to stop%n",
                            port, kafka.bootstrapServers());
                    monitor.job().getJobExecutionResult().get();
                }
                watching.set(false);
                watcher.join(5000);
            } finally {
                metrics.stopServing();
            }
        }
        return 0;
    }

    /**
     * The job state kept beside the broker's data. Flink state only makes sense with the broker it read from: when
     * there is no earlier broker data (first run, or removed) an old job state is dropped rather than resumed.
     */
    private static StateDirectory keptJobState(Path kept) throws IOException {
        StateDirectory flink = new StateDirectory(kept.resolve("flink"));
        if (!Files.exists(kept.resolve("kafka").resolve("server.properties"))) {
            flink.clear();
        }
        return flink;
    }

    private SweepSpec spec(Embedding embedding) {
        SweepSpec s = SweepSpec.profile("demo").withLossThreshold(embedding.lossThreshold()).withSeed(seed);
        if (variants != null) {
            s = s.withVariants(variants);
        } else if (coldStart) {
            s = s.withVariants(COLD_START_VARIANTS);
        }
        if (epochs != null) {
            s = s.withEpochs(epochs);
        }
        if (!s.task().equals(embedding.task())) {
            throw new IllegalArgumentException("bundle " + bundle + " is for task '" + embedding.task() + "' but the demo sweep trains '"
                    + s.task() + "'");
        }
        return s;
    }

    private static SweepReport train(SweepSpec spec, Task task, String study, KafkaCheckpointSink sink, int workers, PrintStream log) {
        try {
            return new Sweep(spec, task, study, sink, workers, log).run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        }
    }

    /** Scored checkpoints so far: the loss baseline's confusion counts of the study summed over fractions. */
    private static long scored(MonitorMetrics metrics, String study) {
        return Math.round(metrics.registry().find("aelle.confusion").tags("study", study, "predictor", "loss-threshold")
                .gauges().stream().mapToDouble(Gauge::value).sum());
    }

    /** Follows the checkpoints (for val_loss), verdicts, outcomes and bundles topics as a read_committed reader. */
    private static Thread watch(KafkaWiring wiring, DemoState state, AtomicBoolean watching, String study) {
        Thread t = new Thread(() -> {
            try (CommittedReader checkpoints = new CommittedReader(wiring.connection(), wiring.topics().checkpoints());
                 CommittedReader verdicts = new CommittedReader(wiring.connection(), wiring.topics().verdicts());
                 CommittedReader outcomes = new CommittedReader(wiring.connection(), wiring.topics().outcomes());
                 CommittedReader bundles = new CommittedReader(wiring.connection(), wiring.topics().bundles())) {
                while (watching.get()) {
                    bundles.pollRecords(Duration.ofMillis(100)).forEach(r -> {
                        if (study.equals(new String(r.key(), StandardCharsets.UTF_8)) && r.value() != null) {
                            try {
                                state.bundle(BundleArchive.parse(r.value()), r.timestamp());
                            } catch (IllegalArgumentException ignored) {
                                // dead-lettered by the job
                            }
                        }
                    });
                    checkpoints.pollRecords(Duration.ofMillis(100)).forEach(r -> state.checkpoint(r.value()));
                    verdicts.poll(Duration.ofMillis(100)).forEach(r -> state.verdict(r.verdict()));
                    outcomes.pollRecords(Duration.ofMillis(100)).forEach(r -> {
                        try {
                            state.outcome(Outcome.parse(r.value()));
                        } catch (IllegalArgumentException ignored) {
                            // dead-lettered by the job
                        }
                    });
                }
            }
        }, "demo-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * @param embedding the shipped bundle the study used from the start; null for a cold start (the bundle, if any, is
     *                  the one that arrived on the table)
     * @param startedAt when the demo started, epoch ms
     */
    private static void writeReport(Path out, String study, Embedding embedding, SweepReport sweep, List<ReportRow> rows,
                                    String summary, DemoState state, int port, double seconds, long startedAt) throws IOException {
        Embedding used = embedding != null ? embedding : state.bundle() == null ? null : state.bundle().embedding();
        Charts.f1Curves(new Report(study, sweep.threshold(), Map.of("runs", (long) sweep.results().size()), rows),
                out.resolve("f1-vs-fraction.png"));
        List<double[]> points = new ArrayList<>();
        List<Boolean> low = new ArrayList<>();
        for (DemoState.RunRow r : state.rows()) {
            RunTruth truth = r.outcome == null ? RunTruth.UNSCORED
                    : Scoring.truth(r.outcome.status(), r.outcome.finalValLoss(), sweep.threshold());
            if (r.verdict != null && !r.verdict.unknown() && truth.scored()) {
                points.add(new double[] {r.verdict.pc1(), r.verdict.pc2()});
                low.add(truth == RunTruth.LOW_ERROR);
            }
        }
        boolean[] lowArray = new boolean[low.size()];
        for (int i = 0; i < lowArray.length; i++) {
            lowArray[i] = low.get(i);
        }
        if (!points.isEmpty() && used != null) {
            Charts.plane(points.toArray(double[][]::new), lowArray, used.classifier(),
                    "AeLLE plane, last checkpoint of each run, study " + study, out.resolve("plane.png"));
        }
        List<Verdict> verdicts = state.verdicts();
        double[] latency = verdicts.stream().mapToDouble(Verdict::latencyMs).sorted().toArray();
        String md = "# AeLLE Monitor demo\n\n"
                + String.format(Locale.ROOT, "Study `%s`: %d runs of the demo sweep, %d checkpoints scored, %d outcomes, %.0f s in all. "
                        + "Loss threshold %.4g; %d of %d runs ended below it. Bundle: %s.%n%n",
                study, sweep.results().size(), state.checkpointsWithVerdict(), state.outcomes(), seconds, sweep.threshold(), sweep.lowErrorCount(),
                sweep.results().size(), embedding != null ? "`" + embedding.study() + "` (" + embedding.type() + ")"
                        : used == null ? "none arrived (cold start)" : "auto-trained on the study (" + used.type() + ")")
                + (embedding == null ? ColdStartReport.markdown(state, sweep.threshold(), startedAt) : "")
                + "## Table 1 from the live metrics\n\nRead from the `aelle_confusion` gauges (per 5% fraction bucket) that "
                + "`/metrics` served at http://127.0.0.1:" + port + "/metrics. Beside AeLLE, two loss baselines: "
                + "loss-threshold says low error when the checkpoint's val_loss is already below the threshold (the paper's "
                + "column); loss-median when it is at or below the q-quantile of the val_losses the study's earlier checkpoints "
                + String.format(Locale.ROOT, "had at the same fraction (Optuna MedianPruner's rule; q = %.2f, the bundle's low-error share, "
                        + "0.50 while the study has no bundle or its bundle records none).%n%n",
                        LossMedianRule.q(used == null ? null : used.manifest().lowErrorShare())) + summary
                + String.format(Locale.ROOT, "%nPublish-to-verdict latency inside the job (latency_ms): median %.0f ms, max %.0f ms.%n%n",
                        latency.length == 0 ? Double.NaN : latency[latency.length / 2],
                        latency.length == 0 ? Double.NaN : latency[latency.length - 1])
                + "## Plots\n\n![F1 versus training fraction](f1-vs-fraction.png)\n\n![AeLLE plane](plane.png)\n\n"
                + "## Sweep\n\n```\n" + sweep.table() + "```\n";
        Files.writeString(out.resolve("demo-report.md"), md);
    }
}
