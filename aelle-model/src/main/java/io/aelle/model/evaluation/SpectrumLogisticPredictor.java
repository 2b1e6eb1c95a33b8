package io.aelle.model.evaluation;

import io.aelle.model.classify.LogisticRegression;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Normalisation;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.List;

/** No autoencoder, no plane: L2-penalised logistic regression on the standardised spectrum. */
public record SpectrumLogisticPredictor(Normalisation norm, LogisticRegression model) implements Predictor {

    /** Ridge penalty: the spectrum has tens of correlated features and a few thousand rows. */
    static final double L2 = 1.0;

    public static SpectrumLogisticPredictor fit(List<DatasetRow> train, List<DatasetRow> val, double threshold) {
        Normalisation n = Normalisation.standardise(EmbeddingFitter.spectra(train));
        LogisticRegression m = LogisticRegression.fit(n.applyAll(EmbeddingFitter.spectra(train)), EmbeddingFitter.labels(train, threshold),
                L2, n.applyAll(EmbeddingFitter.spectra(val)), EmbeddingFitter.labels(val, threshold));
        return new SpectrumLogisticPredictor(n, m);
    }

    @Override
    public String name() {
        return "spectrum-logistic";
    }

    @Override
    public String classifier() {
        return LogisticRegression.NAME;
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return model.lowError(norm.apply(row.spectrum()));
    }
}
