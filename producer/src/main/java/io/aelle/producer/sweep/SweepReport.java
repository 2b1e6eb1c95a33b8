package io.aelle.producer.sweep;

import io.aelle.producer.train.RunTrainer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A finished study: every run's result and the low-error threshold in force. When almost no or almost all finished
 * variants fall below the configured threshold (fewer than {@value #MIN_CLASS_FRACTION} of them on one side) and the
 * user did not fix it, the threshold becomes the median final loss, as the paper's later code does. A spec with
 * {@code median_threshold} always uses the median.
 */
public record SweepReport(String studyId, List<RunTrainer.Result> results, double configuredThreshold, double threshold,
                          boolean thresholdAdjusted, double seconds, double cpuSeconds) {

    public static final double MIN_CLASS_FRACTION = 0.1;

    /**
     * @param seconds    wall time of the study
     * @param cpuSeconds CPU time the process spent on it (all threads): the figure that does not depend on how
     *                   busy a shared machine is
     */
    public static SweepReport of(String studyId, List<RunTrainer.Result> results, double configured, boolean fixed, double seconds,
                                 double cpuSeconds) {
        return of(studyId, results, configured, fixed, false, seconds, cpuSeconds);
    }

    /** @param median the threshold is the median final loss whatever the classes look like */
    public static SweepReport of(String studyId, List<RunTrainer.Result> results, double configured, boolean fixed, boolean median,
                                 double seconds, double cpuSeconds) {
        double[] losses = results.stream().mapToDouble(RunTrainer.Result::finalValLoss).filter(Double::isFinite).sorted().toArray();
        double below = losses.length == 0 ? 0 : Arrays.stream(losses).filter(l -> l < configured).count() / (double) losses.length;
        boolean adjust = losses.length >= 2
                && (median || !fixed && (below < MIN_CLASS_FRACTION || below > 1 - MIN_CLASS_FRACTION));
        double threshold = adjust ? median(losses) : configured;
        return new SweepReport(studyId, results, configured, threshold, adjust, seconds, cpuSeconds);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    public long lowErrorCount() {
        return results.stream().filter(r -> r.finalValLoss() < threshold).count();
    }

    /** The summary table and the threshold note, ready to print. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %-32s %10s %6s %s%n", "run", "variant", "final loss", "epochs", "low error"));
        for (RunTrainer.Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-28s %-32s %10.4f %6d %s%n", r.runId(), r.variant(), r.finalValLoss(),
                    r.epochsCompleted(), r.finalValLoss() < threshold ? "yes" : "no"));
        }
        sb.append(String.format(Locale.ROOT, "%d of %d variants below the low-error threshold %.4f", lowErrorCount(), results.size(),
                threshold));
        if (thresholdAdjusted) {
            sb.append(String.format(Locale.ROOT, " (the median final loss: %d of %d fell below the configured %.4f)",
                    results.stream().filter(r -> r.finalValLoss() < configuredThreshold).count(), results.size(), configuredThreshold));
        }
        sb.append(String.format(Locale.ROOT, "; study %s took %.0f s wall, %.0f s CPU%n", studyId, seconds, cpuSeconds));
        return sb.toString();
    }
}
