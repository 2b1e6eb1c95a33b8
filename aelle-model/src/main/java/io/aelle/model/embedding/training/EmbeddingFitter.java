package io.aelle.model.embedding.training;

import io.aelle.model.classify.ClassifierChoice;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.LossMedianRule;
import io.aelle.model.embedding.BundleManifest;
import io.aelle.model.embedding.BundleValidation;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.Encoder;
import io.aelle.model.embedding.Normalisation;
import io.aelle.model.embedding.TargetScale;
import io.aelle.model.pca.Pca;
import java.util.List;
import java.util.Map;

/**
 * The whole fit of one bundle: normalise, train the encoder on the training runs' rows (every epoch), fit
 * the 2-D PCA on their latents, and choose the plane classifier on the validation runs.
 */
public final class EmbeddingFitter {

    /** DSAE inputs are mapped into [−0.8, 0.8] so tanh can represent them. */
    static final double DSAE_RANGE = 0.8;
    /** The DSAE's y slot is a tanh output; a 3σ target scale keeps the normalised log losses inside (−1, 1). */
    static final double DSAE_TARGET_WIDEN = 3;

    /** @param threshold how the low-error threshold the classifier is chosen against is picked */
    public record Options(EmbeddingType type, AelleTrainer.Settings aelle, DsaeTrainer.Settings dsae, RunPartition split,
                          LossThresholdRule threshold) {

        /** The probe's (dataset header's) threshold. */
        public Options(EmbeddingType type, AelleTrainer.Settings aelle, DsaeTrainer.Settings dsae, RunPartition split) {
            this(type, aelle, dsae, split, LossThresholdRule.PROBE);
        }

        public static Options defaults(EmbeddingType type) {
            return new Options(type, AelleTrainer.Settings.defaults(),
                    type.isDsae() ? DsaeTrainer.Settings.defaults(type) : null, RunSplit.DEFAULT);
        }
    }

    public record Fitted(Embedding embedding, LossHistory history) {
    }

    private EmbeddingFitter() {
    }

    public static Fitted fit(StudyDataset data, Options o, TrainingListener listener) {
        List<DatasetRow> train = usable(o.split().rows(data.rows(), RunPartition.Part.TRAIN));
        List<DatasetRow> val = usable(o.split().rows(data.rows(), RunPartition.Part.VALIDATION));
        if (train.size() < 4 || val.isEmpty()) {
            throw new IllegalArgumentException("dataset " + data.header().study() + " has " + train.size()
                    + " training and " + val.size() + " validation rows with final losses; too few to train");
        }
        double[][] xTrain = spectra(train);
        double[][] xVal = spectra(val);
        Normalisation norm = o.type().isDsae() ? Normalisation.rangeTo(xTrain, DSAE_RANGE) : Normalisation.standardise(xTrain);
        TargetScale target = TargetScale.fit(train.stream().mapToDouble(DatasetRow::finalLoss).toArray());
        if (o.type().isDsae()) {
            target = new TargetScale(target.mean(), target.std() * DSAE_TARGET_WIDEN);
        }
        double[][] nTrain = norm.applyAll(xTrain);
        double[][] nVal = norm.applyAll(xVal);
        double[] tTrain = targets(train, target);
        double[] tVal = targets(val, target);

        Encoder encoder;
        LossHistory history;
        Map<String, Object> settings;
        if (o.type() == EmbeddingType.AELLE) {
            AelleTrainer.Result r = new AelleTrainer(o.aelle()).train(nTrain, tTrain, nVal, tVal, listener);
            encoder = r.encoder();
            history = r.history();
            settings = o.aelle().describe();
        } else {
            DsaeTrainer.Result r = new DsaeTrainer(o.dsae()).train(nTrain, tTrain, nVal, tVal, listener);
            encoder = r.encoder();
            history = r.history();
            settings = o.dsae().describe(nTrain[0].length);
        }
        double[][] zTrain = latents(encoder, nTrain);
        double[][] zVal = latents(encoder, nVal);
        Pca pca = Pca.fit(zTrain, 2);
        double threshold = o.threshold().resolve(data, o.split());
        double[][] pTrain = pca.projectAll(zTrain);
        double[][] pVal = pca.projectAll(zVal);
        ClassifierChoice choice = ClassifierChoice.choose(pTrain, labels(train, threshold), pVal, labels(val, threshold));
        PerFraction per = PerFraction.decide(train, pTrain, val, pVal, threshold, choice.best());

        BundleValidation validation = new BundleValidation(choice.best().name(), choice.validation().f1(),
                choice.validation().precision(), choice.validation().recall(), val.size(),
                val.stream().map(DatasetRow::runId).distinct().count(), choice.validationF1(), history.lastValidation(),
                per.chosen(), per.pooledF1(), per.perFractionF1(), o.split().describe(), null);

        BundleManifest m = new BundleManifest(BundleManifest.FORMAT_VERSION, data.header().study(), data.header().task(),
                new BundleManifest.Spectrum(data.header().spectrumLength(), data.header().convention(), data.header().warmup()),
                norm, target, new BundleManifest.EmbeddingSpec(o.type().id(), BundleManifest.PARAMETERS_FILE, settings),
                pca, choice.best(), per.chosen() ? per.classifiers() : null, threshold, o.threshold().describe(), StudyDataset.sha256(train), validation,
                LossMedianRule.lowErrorShare(train, threshold), null);
        return new Fitted(new Embedding(m, encoder), history);
    }

    /** Rows whose run has a finite final loss (failed runs without one cannot be labelled). */
    public static List<DatasetRow> usable(List<DatasetRow> rows) {
        return rows.stream().filter(r -> Double.isFinite(r.finalLoss())).toList();
    }

    public static double[][] spectra(List<DatasetRow> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i).spectrum();
        }
        return x;
    }

    public static boolean[] labels(List<DatasetRow> rows, double threshold) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).lowError(threshold);
        }
        return y;
    }

    private static double[] targets(List<DatasetRow> rows, TargetScale s) {
        return rows.stream().mapToDouble(r -> s.forward(r.finalLoss())).toArray();
    }

    static double[][] latents(Encoder e, double[][] normalised) {
        double[][] z = new double[normalised.length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = e.encode(normalised[i]).latent();
        }
        return z;
    }
}
