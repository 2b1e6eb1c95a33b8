package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;

/**
 * The paper's Table 1 baseline: "low error" when the current validation loss is already below the final threshold.
 * It scores F1 0 early in training by construction; {@link LossMedianBaseline} is the strong loss rule.
 * The live job's loss baseline calls {@link #lowError(double, double)} too, so both paths apply one rule.
 */
public record LossThresholdBaseline(double threshold) implements Predictor {

    public static final String NAME = "loss-threshold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String classifier() {
        return "val_loss < threshold";
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return lowError(row.valLoss(), threshold);
    }

    /**
     * The rule: "low error" when the current validation loss is finite and strictly below the threshold. A
     * checkpoint without a finite val_loss (NaN: none recorded) gives no evidence, so the call is high error.
     */
    public static boolean lowError(double currentValLoss, double threshold) {
        return Double.isFinite(currentValLoss) && currentValLoss < threshold;
    }
}
