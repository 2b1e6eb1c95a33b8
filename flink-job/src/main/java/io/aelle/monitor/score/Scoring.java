package io.aelle.monitor.score;

import io.aelle.producer.Outcome;

/** The rules that turn losses into "low error" calls: the truth from an outcome, and the loss baseline's guess. */
public final class Scoring {

    private Scoring() {}

    /**
     * The truth: a run ended with low error when it did not fail and its final validation loss is below the
     * study's threshold. A failed run, or one without a finite final loss, counts as high error.
     */
    public static boolean actualLowError(String status, double finalValLoss, double lossThreshold) {
        return !Outcome.FAILED.equals(status) && Double.isFinite(finalValLoss) && finalValLoss < lossThreshold;
    }

    /**
     * The loss baseline: "low error" when the checkpoint's current validation loss is already below the threshold.
     * A checkpoint without a finite val_loss gives no evidence, so the baseline says high error.
     */
    public static boolean lossBaselineLowError(double currentValLoss, double lossThreshold) {
        return Double.isFinite(currentValLoss) && currentValLoss < lossThreshold;
    }
}
