package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Embedding;

/** A trained bundle's verdict. */
public record EmbeddingPredictor(Embedding embedding) implements Predictor {

    @Override
    public String name() {
        return embedding.type().id();
    }

    @Override
    public String classifier() {
        return embedding.classifier().name();
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return embedding.project(row.spectrum()).likelyLowError();
    }
}
