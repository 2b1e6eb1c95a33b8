package io.aelle.app.model;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.BundleValidation;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.training.AlphaSchedule;
import io.aelle.model.embedding.training.DsaeTrainer;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.FeatureModel;
import io.aelle.model.evaluation.FeatureSet;
import io.aelle.model.evaluation.FeatureSpec;
import io.aelle.model.evaluation.PreviousLoss;
import io.aelle.model.confusion.Confusion;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor train}: fits one embedding bundle on a study dataset's training runs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an AeLLE or DSAE embedding with its PCA plane and classifier; writes a bundle directory.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "dataset directory or file (from `dataset`)")
    Path dataset;

    @Option(names = "--embedding", defaultValue = "aelle", description = "aelle, dsae, dsae-sparse or dsae-supervised (default ${DEFAULT-VALUE})")
    String embedding;

    @Option(names = "--out", required = true, description = "bundle directory to write")
    Path out;

    @Option(names = "--latent", description = "latent size (default 32 for aelle, 16 for DSAE)")
    Integer latent;

    @Option(names = "--alpha-schedule", defaultValue = AlphaSchedule.DEFAULT_TEXT,
            description = "aelle: alpha:epochs stages (default ${DEFAULT-VALUE})")
    String alphaSchedule;

    @Option(names = "--power", defaultValue = "1", description = "aelle: n in alpha*|T-T_hat|^n, 1 or 2 (default ${DEFAULT-VALUE})")
    int power;

    @Option(names = "--epochs", description = "DSAE epochs (default 120)")
    Integer epochs;

    @Option(names = "--steps", description = "DSAE K, map applications to encode and to decode (default 2)")
    Integer steps;

    @Option(names = "--extra", description = "DSAE extra dimensions j (default 0; dsae-sparse 16)")
    Integer extra;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--loss-threshold", defaultValue = "probe",
            description = "low-error threshold: probe (the dataset's, from the study's probe), median (median final loss of "
                    + "the training runs: both classes well populated) or a number (default ${DEFAULT-VALUE})")
    String lossThreshold;

    @Option(names = "--split-seed", defaultValue = "20260101", description = "run split seed; use the same in evaluate (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--features", defaultValue = "embedding",
            description = {"what the bundle's verdict reads: embedding (the plane's classifier, default) or a combined "
                    + "feature set, one or more of embedding, spectrum, loss, hparams joined by + (e.g. spectrum+loss+hparams), "
                    + "fitted as `evaluate --features` fits it (logistic regression, pooled or per fraction as the validation "
                    + "runs choose); the streaming job supplies the features from each checkpoint"})
    String features;

    @Override
    public Integer call() throws Exception {
        EmbeddingType type = EmbeddingType.parse(embedding);
        FeatureSet featureSet = features == null ? FeatureSet.EMBEDDING : FeatureSet.parse(features);
        StudyDataset data = StudyDataset.read(dataset);
        String unavailable = Baselines.unavailable(data, List.of(featureSet)).get(featureSet.id());
        if (unavailable != null) {
            throw new IllegalArgumentException("--features " + featureSet.id() + ": " + unavailable);
        }
        RunSplit split = RunSplit.seeded(splitSeed);
        AelleTrainer.Settings a = AelleTrainer.Settings.defaults();
        a = new AelleTrainer.Settings(a.hidden(), latent == null ? a.latent() : latent, a.dropout(), power,
                AlphaSchedule.parse(alphaSchedule), a.learningRate(), a.batchSize(), seed);
        DsaeTrainer.Settings d = null;
        if (type.isDsae()) {
            d = DsaeTrainer.Settings.defaults(type).withSeed(seed);
            if (latent != null) d = d.withLatent(latent);
            if (epochs != null) d = d.withEpochs(epochs);
            if (steps != null) d = d.withSteps(steps);
            if (extra != null) d = d.withExtra(extra);
        }
        int totalEpochs = type.isDsae() ? d.epochs() : a.schedule().totalEpochs();
        System.err.printf(Locale.ROOT, "train: %s on study %s (%d rows, %d runs, spectrum length %d)%n", type.id(),
                data.header().study(), data.rows().size(), data.runIds().size(), data.header().spectrumLength());
        ProgressBar bar = new ProgressBar("train " + type.id(), totalEpochs);
        EmbeddingFitter.Fitted f = EmbeddingFitter.fit(data, new EmbeddingFitter.Options(type, a, d, split, LossThresholdRule.parse(lossThreshold)),
                (epoch, total, tr, val) -> bar.update(epoch, String.format(Locale.ROOT, "loss %.4f val %.4f", tr, val)));
        Embedding bundle = featureSet.embeddingOnly() ? f.embedding() : withFeatures(f.embedding(), featureSet, data, split);
        bundle.save(out);
        Charts.lossCurve(f.history(), type.id() + " training, study " + data.header().study(), out.resolve("loss-curve.png"));
        BundleValidation v = f.embedding().manifest().validation();
        System.out.printf(Locale.ROOT, "low-error threshold %.4f (%s)%n", f.embedding().lossThreshold(), f.embedding().manifest().lossThresholdRule());
        System.out.printf(Locale.ROOT, "classifier %s: cross-fitted validation F1 pooled %.3f, per fraction %.3f%n",
                f.embedding().perFraction() ? "per fraction" : "pooled over fractions", v.pooledCrossFittedF1(),
                v.perFractionCrossFittedF1());
        System.out.printf(Locale.ROOT, "bundle %s: classifier %s, validation F1 %.3f (precision %.3f, recall %.3f) over %s rows%n",
                out, v.classifier(), v.f1(), v.precision(), v.recall(), v.rows());
        FeatureSpec written = FeatureSpec.of(bundle);
        if (written != null) {
            BundleValidation fv = written.validation();
            System.out.printf(Locale.ROOT, "verdict from features %s (%s): validation F1 %.3f (precision %.3f, recall %.3f)%n",
                    featureSet.id(), fv.classifier(), fv.f1(), fv.precision(), fv.recall());
        }
        return 0;
    }

    /** The bundle with its verdict from the feature set's model, fitted on the same training and validation runs. */
    static Embedding withFeatures(Embedding e, FeatureSet set, StudyDataset data, RunSplit split) {
        double threshold = e.lossThreshold();
        List<DatasetRow> train = EmbeddingFitter.usable(split.rows(data.rows(), RunPartition.Part.TRAIN));
        List<DatasetRow> val = EmbeddingFitter.usable(split.rows(data.rows(), RunPartition.Part.VALIDATION));
        FeatureModel m = Baselines.featureModel(set, train, val, PreviousLoss.of(data.rows()), e, threshold);
        boolean[] predicted = new boolean[val.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = m.lowError(val.get(i));
        }
        Confusion c = Confusion.of(predicted, EmbeddingFitter.labels(val, threshold));
        BundleValidation validation = BundleValidation.scored(m.classifier(), c, val.size(), "probability cut tuned on these validation runs");
        return new Embedding(e.manifest().withFeatures(FeatureSpec.of(m, validation).toManifest()), e.encoder());
    }
}
