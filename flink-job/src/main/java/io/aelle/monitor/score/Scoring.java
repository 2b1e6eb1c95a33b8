package io.aelle.monitor.score;

import io.aelle.model.evaluation.LossThresholdBaseline;
import io.aelle.wire.RunTruth;

/** The rules that turn losses into "low error" calls: the truth from an outcome, and the loss baseline's guess. */
public final class Scoring {

    private Scoring() {}

    /**
     * The truth, by the rule the offline dataset uses too ({@link RunTruth}): a completed run is low error when its
     * final loss is below the threshold; a failed run, or one without a finite final loss, is high error; a run
     * stopped early has no truth ({@link RunTruth#UNSCORED}) and is never scored.
     */
    public static RunTruth truth(String status, double finalValLoss, double lossThreshold) {
        return RunTruth.of(status, finalValLoss, lossThreshold);
    }

    /**
     * The loss baseline: "low error" when the checkpoint's current validation loss is already below the threshold,
     * by the offline predictor's own rule ({@link LossThresholdBaseline#lowError(double, double)}).
     */
    public static boolean lossBaselineLowError(double currentValLoss, double lossThreshold) {
        return LossThresholdBaseline.lowError(currentValLoss, lossThreshold);
    }
}
