package io.aelle.model.evaluation;

import io.aelle.model.classify.ClassifierChoice;
import io.aelle.model.classify.PlaneClassifier;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Normalisation;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.pca.Pca;
import java.util.List;

/** No autoencoder: the standardised raw spectrum's own 2-D PCA plane with the same classifiers (paper Fig. 1). */
public record SpectrumPcaPredictor(Normalisation norm, Pca pca, PlaneClassifier plane) implements Predictor {

    public static SpectrumPcaPredictor fit(List<DatasetRow> train, List<DatasetRow> val, double threshold) {
        Normalisation n = Normalisation.standardise(EmbeddingFitter.spectra(train));
        Pca pca = Pca.fit(n.applyAll(EmbeddingFitter.spectra(train)), 2);
        ClassifierChoice c = ClassifierChoice.choose(
                pca.projectAll(n.applyAll(EmbeddingFitter.spectra(train))), EmbeddingFitter.labels(train, threshold),
                pca.projectAll(n.applyAll(EmbeddingFitter.spectra(val))), EmbeddingFitter.labels(val, threshold));
        return new SpectrumPcaPredictor(n, pca, c.best());
    }

    @Override
    public String name() {
        return "spectrum-pca";
    }

    @Override
    public String classifier() {
        return plane.name();
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return plane.lowError(pca.project(norm.apply(row.spectrum())));
    }
}
