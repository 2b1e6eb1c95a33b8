package io.aelle.model.dataset;

import java.util.List;

/**
 * The one median rule, shared by the offline {@code loss-median} predictor and the streaming job's live loss-median:
 * a checkpoint is low error iff its val_loss is at or below the q-quantile (linear interpolation between order
 * statistics) of the other runs' val_losses at the same checkpoint fraction. As Optuna's MedianPruner: with no
 * other run to compare with the run is kept (low error), and a checkpoint without a finite val_loss is not.
 */
public final class LossMedianRule {

    /** q when the low-error share is unknown (no bundle, or one written before it was recorded): MedianPruner's median. */
    public static final double DEFAULT_Q = 0.5;

    private LossMedianRule() {}

    /** @param sortedLosses the other runs' losses at this fraction, ascending */
    public static boolean lowError(double valLoss, double[] sortedLosses, double q) {
        if (!Double.isFinite(valLoss)) {
            return false;
        }
        return sortedLosses.length == 0 || valLoss <= quantile(sortedLosses, q);
    }

    /** The q-quantile of ascending, non-empty losses; q is clamped to [0, 1]. */
    public static double quantile(double[] sortedLosses, double q) {
        if (sortedLosses.length == 0) {
            throw new IllegalArgumentException("the quantile of no losses");
        }
        double pos = Math.min(Math.max(q, 0), 1) * (sortedLosses.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sortedLosses.length - 1);
        return sortedLosses[lo] + (pos - lo) * (sortedLosses[hi] - sortedLosses[lo]);
    }

    /** q: the share of the training runs that ended low error (recorded in a bundle at {@code train} for the live job). */
    public static double lowErrorShare(List<DatasetRow> train, double threshold) {
        long low = train.stream().filter(r -> r.lowError(threshold)).map(DatasetRow::runId).distinct().count();
        long runs = train.stream().map(DatasetRow::runId).distinct().count();
        if (runs == 0) {
            throw new IllegalArgumentException("loss-median: no training runs");
        }
        return (double) low / runs;
    }

    /** q for a bundle's recorded low-error share: the share when it is one, else {@link #DEFAULT_Q}. */
    public static double q(Double lowErrorShare) {
        return lowErrorShare != null && lowErrorShare >= 0 && lowErrorShare <= 1 ? lowErrorShare : DEFAULT_Q;
    }
}
