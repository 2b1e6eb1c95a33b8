package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Embedding;

/**
 * A bundle trained with {@code --features}: its verdict is its combined-feature model's ({@link FeatureSpec}), read
 * from the row and its run's previous val_loss exactly as the streaming job reads a checkpoint. Named
 * {@code <embedding>:<feature set>}, e.g. {@code aelle:spectrum+loss+hparams}.
 */
public record FeatureBundlePredictor(Embedding embedding, PreviousLoss previous) implements Predictor {

    public FeatureBundlePredictor {
        if (embedding.manifest().features() == null) {
            throw new IllegalArgumentException("bundle of study " + embedding.study() + " was trained without --features");
        }
    }

    @Override
    public String name() {
        return embedding.type().id() + ":" + embedding.features();
    }

    @Override
    public String classifier() {
        Object c = embedding.manifest().features().validation() == null ? null
                : embedding.manifest().features().validation().get("classifier");
        return c == null ? "logistic" : c.toString();
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return embedding.manifest().features().lowError(row, previous.previousValLoss(row), embedding);
    }
}
