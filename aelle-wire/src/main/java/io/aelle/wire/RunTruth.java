package io.aelle.wire;

/**
 * The one rule that turns a run's outcome into the truth its verdicts are scored against. The offline dataset
 * (aelle-model's {@code DatasetBuilder} and {@code DatasetRow}) and the live job (flink-job's {@code RunScoring}) both call it, so they always agree.
 * <ul>
 *   <li>{@code completed}: low error when the final validation loss is finite and below the threshold, else high error;</li>
 *   <li>{@code failed}: high error, whatever loss it last reported (a run that crashed or diverged did not deliver);</li>
 *   <li>{@code stopped_early}: no truth. The run never reached its end, so the loss it was stopped at says nothing
 *       about where it would have ended; scoring it would make every stop count as a correct "high error" call.</li>
 * </ul>
 * An outcome without a status (older outcome files) is taken as completed.
 */
public enum RunTruth {
    LOW_ERROR, HIGH_ERROR, UNSCORED;

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String STOPPED_EARLY = "stopped_early";

    /**
     * The final loss a scored run stands for: a completed run's finite loss; +Infinity (high error under every
     * threshold) for a failed run or one without a finite loss; NaN for a stopped run, which is not scored.
     */
    public static double scoredFinalLoss(String status, double finalLoss) {
        if (status == null || COMPLETED.equals(status)) {
            return Double.isFinite(finalLoss) ? finalLoss : Double.POSITIVE_INFINITY;
        }
        return switch (checkStatus(status)) {
            case FAILED -> Double.POSITIVE_INFINITY;
            default -> Double.NaN;   // stopped_early
        };
    }

    /** The status itself when it is null, completed, failed or stopped_early; otherwise an error naming it. */
    public static String checkStatus(String status) {
        if (status != null && !COMPLETED.equals(status) && !FAILED.equals(status) && !STOPPED_EARLY.equals(status)) {
            throw new IllegalArgumentException("outcome status must be completed, failed or stopped_early, got '" + status + "'");
        }
        return status;
    }

    public static RunTruth of(String status, double finalLoss, double lossThreshold) {
        double loss = scoredFinalLoss(status, finalLoss);
        if (Double.isNaN(loss)) {
            return UNSCORED;
        }
        return isLowError(loss, lossThreshold) ? LOW_ERROR : HIGH_ERROR;
    }

    /**
     * The low-error comparison itself, on a loss already passed through {@link #scoredFinalLoss}: strictly below the
     * threshold. +Infinity (a failed run) is never low error; NaN (unscored) is not either.
     */
    public static boolean isLowError(double scoredFinalLoss, double lossThreshold) {
        return scoredFinalLoss < lossThreshold;
    }

    public boolean scored() {
        return this != UNSCORED;
    }
}
