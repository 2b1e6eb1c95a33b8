package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Embedding;

/** A trained bundle's verdict at the row's training fraction. */
public record EmbeddingPredictor(Embedding embedding) implements Predictor {

    @Override
    public String name() {
        return embedding.type().id();
    }

    @Override
    public String classifier() {
        return embedding.classifier().name() + (embedding.perFraction() ? " per fraction" : "");
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return embedding.project(row.spectrum(), row.fraction()).likelyLowError();
    }
}
