package io.aelle.producer.sweep;

import io.aelle.producer.CheckpointSink;
import io.aelle.producer.data.SequenceSet;
import io.aelle.producer.listener.AelleTrainingListener;
import io.aelle.producer.listener.VerdictMode;
import io.aelle.producer.task.Task;
import io.aelle.producer.train.RecurrentNetworkBlock;
import io.aelle.producer.train.RunTrainer;
import io.aelle.producer.train.Variant;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a study: publishes the probe (the first B validation sequences with the loss threshold), then trains every
 * sampled variant, {@code workers} at a time, each streaming its epoch-0 checkpoint, one checkpoint per epoch and
 * its outcome to the sink. If the threshold is moved to the median at the end, the probe is published again
 * with it (the probes topic is compacted by study, so the newer probe wins).
 */
public final class Sweep {

    private static final Logger log = LoggerFactory.getLogger(Sweep.class);
    /** Spectrum warm-up steps written into the probe (the spectrum engine's default). */
    public static final int PROBE_WARMUP = 500;

    private final SweepSpec spec;
    private final Task task;
    private final String studyId;
    private final CheckpointSink sink;
    private final int workers;
    private final PrintStream out;

    public Sweep(SweepSpec spec, Task task, String studyId, CheckpointSink sink, int workers, PrintStream out) {
        if (!spec.task().equals(task.name())) {
            throw new IllegalArgumentException("spec is for task " + spec.task() + " but the task is " + task.name());
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.spec = spec;
        this.task = task;
        this.studyId = studyId;
        this.sink = sink;
        this.workers = workers;
        this.out = out;
    }

    public static String runId(String studyId, int index) {
        return String.format(Locale.ROOT, "%s-r%03d", studyId, index);
    }

    public SweepReport run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        SequenceSet train = task.trainingSet(spec.trainSubset(), spec.seed());
        SequenceSet validation = task.validationSet(spec.validationSize());
        double configured = spec.lossThreshold() != null ? spec.lossThreshold() : task.defaultLossThreshold();
        Tensor probeInputs = new Tensor(Probe.INPUTS, new int[] {spec.probeSize(), validation.steps(), validation.inputSize()},
                toDouble(validation.inputSlice(0, spec.probeSize())));
        sink.publishProbe(probe(configured, probeInputs));

        List<Variant> variants = spec.sampleVariants();
        SweepProgress progress = new SweepProgress(out, variants.size(), 2000);
        RunTrainer trainer = new RunTrainer(task, train, validation, spec.trainingSettings());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, variants.size()));
        List<Future<RunTrainer.Result>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < variants.size(); i++) {
                String runId = runId(studyId, i);
                Variant v = variants.get(i);
                futures.add(pool.submit(() -> {
                    try {
                        return trainer.train(runId, v, (block, losses) -> listener(runId, v, block, losses), progress);
                    } catch (RuntimeException e) {
                        log.warn("run {} ({}) failed: {}", runId, v, e.toString());
                        return new RunTrainer.Result(runId, v, Double.NaN, 0, false);
                    } finally {
                        progress.runFinished(runId);
                    }
                }));
            }
            List<RunTrainer.Result> results = new ArrayList<>();
            for (Future<RunTrainer.Result> f : futures) {
                results.add(f.get());
            }
            SweepReport report = SweepReport.of(studyId, results, configured, spec.lossThreshold() != null, spec.medianThreshold(),
                    (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
            if (report.thresholdAdjusted()) {
                sink.publishProbe(probe(report.threshold(), probeInputs));
            }
            sink.flush();
            return report;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Probe probe(double threshold, Tensor inputs) {
        return new Probe(studyId, task.name(), threshold, "reference", PROBE_WARMUP, inputs);
    }

    private AelleTrainingListener listener(String runId, Variant v, RecurrentNetworkBlock block,
                                           io.aelle.producer.listener.LossSource losses) {
        return new AelleTrainingListener(new AelleTrainingListener.Settings(runId, studyId, spec.epochs(), v.arch().id(),
                RecurrentNetworkBlock.LAYER_PREFIX, v.hparamsJson(), sink, t -> block.export(), losses, VerdictMode.OFF, null,
                null, AelleTrainingListener.Settings.DEFAULT_MIN_FRACTION));
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
