package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;

/** The paper's baseline: "low error" when the current validation loss is already below the threshold. */
public record LossBaseline(double threshold) implements Predictor {

    @Override
    public String name() {
        return "loss";
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
