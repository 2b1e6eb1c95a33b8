package io.aelle.app.model;

import io.aelle.app.model.Charts;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.training.AlphaSchedule;
import io.aelle.model.embedding.training.DsaeTrainer;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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

    @Override
    public Integer call() throws Exception {
        EmbeddingType type = EmbeddingType.parse(embedding);
        StudyDataset data = StudyDataset.read(dataset);
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
        f.embedding().save(out);
        Charts.lossCurve(f.history(), type.id() + " training, study " + data.header().study(), out.resolve("loss-curve.png"));
        Map<String, Object> v = f.embedding().manifest().validation();
        System.out.printf(Locale.ROOT, "low-error threshold %.4f (%s)%n", f.embedding().lossThreshold(), f.embedding().manifest().lossThresholdRule());
        System.out.printf(Locale.ROOT, "classifier %s: cross-fitted validation F1 pooled %.3f, per fraction %.3f%n",
                f.embedding().perFraction() ? "per fraction" : "pooled over fractions", (Double) v.get("pooled_cross_fitted_f1"),
                (Double) v.get("per_fraction_cross_fitted_f1"));
        System.out.printf(Locale.ROOT, "bundle %s: classifier %s, validation F1 %.3f (precision %.3f, recall %.3f) over %s rows%n",
                out, v.get("classifier"), (Double) v.get("f1"), (Double) v.get("precision"), (Double) v.get("recall"), v.get("rows"));
        return 0;
    }
}
