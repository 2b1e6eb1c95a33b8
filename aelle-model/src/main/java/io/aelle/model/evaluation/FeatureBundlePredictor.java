package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Embedding;

/**
 * A bundle trained with {@code --features}: its verdict is its combined-feature model's ({@link FeatureSpec}), read
 * from the row and its run's previous val_loss exactly as the streaming job reads a checkpoint. Named
 * {@code <embedding>:<feature set>}, e.g. {@code aelle:spectrum+loss+hparams}.
 */
public record FeatureBundlePredictor(Embedding embedding, FeatureSpec features, PreviousLoss previous) implements Predictor {

    public FeatureBundlePredictor(Embedding embedding, PreviousLoss previous) {
        this(embedding, FeatureSpec.of(embedding), previous);
    }

    public FeatureBundlePredictor {
        if (features == null) {
            throw new IllegalArgumentException("bundle of study " + embedding.study() + " was trained without --features");
        }
    }

    @Override
    public String name() {
        return embedding.type().id() + ":" + features.set();
    }

    @Override
    public String classifier() {
        String c = features.validation() == null ? null : features.validation().classifier();
        return c == null ? "logistic" : c;
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return features.lowError(row, previous.previousValLoss(row), embedding);
    }
}
