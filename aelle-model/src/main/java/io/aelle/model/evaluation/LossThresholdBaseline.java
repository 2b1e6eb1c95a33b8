package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;

/**
 * The paper's Table 1 baseline: "low error" when the current validation loss is already below the final threshold.
 * It scores F1 0 early in training by construction; {@link LossMedianBaseline} is the strong loss rule.
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
        return row.valLoss() < threshold;
    }
}
