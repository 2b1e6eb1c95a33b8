package io.aelle.app.model;

import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.training.DsaeTrainer;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.CrossValidator;
import io.aelle.model.evaluation.Evaluator;
import io.aelle.model.evaluation.FeatureSet;
import io.aelle.model.evaluation.Predictor;
import io.aelle.model.evaluation.Report;
import io.aelle.model.evaluation.ReportRow;
import io.aelle.model.evaluation.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor evaluate}: the paper's Table 1 on the study's held-out runs. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Recall/precision/F1 per training fraction of each embedding, the plain spectrum predictors, the "
                + "baselines a hyperparameter search already has (hparams, loss-median, loss-fitted, loss-threshold) and "
                + "combined feature sets on held-out runs, and each predictor's F1 difference from each baseline with "
                + "paired 95%% intervals; writes report.md, report.json and PNGs.",
                "Either score trained bundles on the split's test runs (--bundle), or cross-validate (--folds K "
                        + "--embedding T...): fit every embedding in each of K folds over runs and score every run once."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "dataset directory or file")
    Path dataset;

    @Option(names = "--bundle", arity = "0..*", description = "bundle directories (trained with the same split seed)")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--folds", defaultValue = "0",
            description = "k-fold cross-validation over runs (k >= 3; 0 = the single split of the bundles) (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--embedding", split = ",", arity = "0..*",
            description = "with --folds: embeddings to fit in every fold (aelle, dsae, dsae-sparse, dsae-supervised), default settings")
    List<String> embeddings = new ArrayList<>();

    @Option(names = "--features", split = ",", defaultValue = "embedding",
            description = {"feature sets, each one or more of embedding, spectrum, loss, hparams joined by + "
                    + "(e.g. spectrum+loss+hparams); every set but embedding alone is a logistic regression fitted pooled "
                    + "or per fraction as the validation runs choose; embedding alone = the embeddings' own verdicts; a set "
                    + "with embedding reads the plane of the first embedding (default ${DEFAULT-VALUE})"})
    List<String> features = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "with --folds: training seed of the embeddings (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--as-of", split = ",", defaultValue = "0.05,0.2,0.35,0.5",
            description = "fractions reported besides the checkpoint fractions; a verdict at f uses each run's latest "
                    + "checkpoint at or before f (default ${DEFAULT-VALUE}: the paper's Table 1)")
    double[] asOf;

    @Option(names = "--out", description = "report directory (default: <dataset>/report)")
    Path out;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples for the F1 intervals (default ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--loss-threshold",
            description = "low-error threshold: probe, median (of the training runs' final losses; of all runs with --folds) "
                    + "or a number; default: the one the bundles were trained against, else probe")
    String lossThreshold;

    @Option(names = "--split-seed", defaultValue = "20260101",
            description = "run split seed, as in train; with --folds the fold seed (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--without-test-runs",
            description = "with --folds: leave out the runs that `train --split-seed` holds out for testing, so a bundle's "
                    + "settings (embedding, --features) can be chosen on cross-validated training and validation runs only")
    boolean withoutTestRuns;

    @Override
    public Integer call() throws Exception {
        StudyDataset data = StudyDataset.read(dataset);
        if (withoutTestRuns) {
            if (folds <= 0) {
                throw new IllegalArgumentException("--without-test-runs needs --folds K");
            }
            data = withoutTestRuns(data, RunSplit.seeded(splitSeed));
        }
        return folds > 0 ? crossValidate(data) : scoreBundles(data);
    }

    /** The study without the runs the split holds out for testing. */
    static StudyDataset withoutTestRuns(StudyDataset data, RunSplit split) {
        return data.withRows(data.rows().stream().filter(r -> split.partOf(r.runId()) != RunPartition.Part.TEST).toList());
    }

    private int crossValidate(StudyDataset data) throws IOException {
        if (!bundles.isEmpty()) {
            throw new IllegalArgumentException("--folds refits every embedding in each fold; it cannot score --bundle "
                    + "directories trained on one split (pass --embedding types instead)");
        }
        List<EmbeddingType> types = embeddings.stream().map(EmbeddingType::parse).distinct().toList();
        List<FeatureSet> sets = featureSets();
        LossThresholdRule rule = LossThresholdRule.parse(lossThreshold == null ? "probe" : lossThreshold);
        CrossValidator cv = new CrossValidator(folds, splitSeed, bootstrap, 7L, asOf);
        ProgressBar[] bar = new ProgressBar[1];
        CrossValidator.Result r = cv.evaluate(data, rule, types, sets, s -> new EmbeddingFitter.Options(s.type(),
                        AelleTrainer.Settings.defaults().withSeed(seed),
                        s.type().isDsae() ? DsaeTrainer.Settings.defaults(s.type()).withSeed(seed) : null, s.partition(), s.threshold()),
                (done, total, what) -> {
                    if (bar[0] == null) {
                        bar[0] = new ProgressBar("evaluate " + folds + "-fold", total);
                    }
                    bar[0].update(done, what);
                });
        StringBuilder cmd = new StringBuilder("./aelle-monitor evaluate --dataset ").append(dataset).append(" --folds ").append(folds);
        if (!types.isEmpty()) {
            cmd.append(" --embedding ").append(String.join(",", types.stream().map(EmbeddingType::id).toList()));
        }
        appendFeatures(cmd, sets);
        if (lossThreshold != null) {
            cmd.append(" --loss-threshold ").append(lossThreshold);
        }
        if (withoutTestRuns) {
            cmd.append(" --without-test-runs");
        }
        StudyDataset labelled = data.withLossThreshold(r.report().lossThreshold());
        return finish(r.report(), labelled, r.firstFoldEmbeddings(), r.firstFold(), cmd.toString());
    }

    private int scoreBundles(StudyDataset data) throws IOException {
        if (!embeddings.isEmpty()) {
            throw new IllegalArgumentException("--embedding needs --folds K (without it, evaluate scores trained --bundle directories)");
        }
        List<Embedding> loaded = new ArrayList<>();
        for (Path b : bundles) {
            Embedding e = Embedding.load(b);
            if (!e.study().equals(data.header().study())) {
                throw new IllegalArgumentException("bundle " + b + " is for study '" + e.study() + "', the dataset is '" + data.header().study() + "'");
            }
            loaded.add(e);
        }
        RunSplit split = RunSplit.seeded(splitSeed);
        String rule = lossThreshold != null ? LossThresholdRule.parse(lossThreshold).describe()
                : loaded.isEmpty() ? LossThresholdRule.PROBE.describe() : ruleOf(loaded.get(0));
        double threshold = lossThreshold != null ? LossThresholdRule.parse(lossThreshold).resolve(data, split)
                : loaded.isEmpty() ? data.header().lossThreshold() : loaded.get(0).lossThreshold();
        for (int i = 0; i < loaded.size(); i++) {
            if (Math.abs(loaded.get(i).lossThreshold() - threshold) > 1e-9 * Math.max(1, Math.abs(threshold))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "bundle %s was trained against loss threshold %.6g (%s) but this evaluation uses %.6g (%s)",
                        bundles.get(i), loaded.get(i).lossThreshold(), ruleOf(loaded.get(i)), threshold, rule));
            }
        }
        data = data.withLossThreshold(threshold);
        Evaluator ev = new Evaluator(split, bootstrap, 7L, asOf);
        ProgressBar bar = new ProgressBar("evaluate", 2);
        bar.update(0, "fitting spectrum predictors");
        List<FeatureSet> sets = featureSets();
        List<Predictor> predictors = ev.predictors(data, loaded, sets);
        bar.update(1, "scoring test runs");
        Report report = ev.evaluate(data, predictors).withRule(rule).withUnavailable(Baselines.unavailable(data, sets));
        bar.update(2, "done");
        StringBuilder cmd = new StringBuilder("./aelle-monitor evaluate --dataset ").append(dataset);
        bundles.forEach(b -> cmd.append(" --bundle ").append(b));
        appendFeatures(cmd, sets);
        if (lossThreshold != null) {
            cmd.append(" --loss-threshold ").append(lossThreshold);
        }
        return finish(report, data, loaded, split, cmd.toString());
    }

    private int finish(Report report, StudyDataset data, List<Embedding> planes, RunPartition partition, String command)
            throws IOException {
        Path dir = out != null ? out : (java.nio.file.Files.isDirectory(dataset) ? dataset : dataset.toAbsolutePath().getParent()).resolve("report");
        ReportWriter.write(report, command, dir);
        ReportCharts.write(report, data, planes, partition, dir);
        System.out.printf(Locale.ROOT, "report: %s (runs %s)%n", dir, report.runs());
        for (ReportRow r : report.rows()) {
            System.out.printf(Locale.ROOT, "  %5.0f%%  %-18s F1 %.3f [%.2f, %.2f]  recall %.3f  precision %.3f%n",
                    100 * r.fraction(), r.predictor(), r.f1(), r.f1Ci95()[0], r.f1Ci95()[1], r.recall(), r.precision());
        }
        return 0;
    }

    private List<FeatureSet> featureSets() {
        return features.stream().map(FeatureSet::parse).distinct().toList();
    }

    private static void appendFeatures(StringBuilder cmd, List<FeatureSet> sets) {
        if (!sets.equals(List.of(FeatureSet.EMBEDDING))) {
            cmd.append(" --features ").append(String.join(",", sets.stream().map(FeatureSet::id).toList()));
        }
    }

    private static String ruleOf(Embedding e) {
        String r = e.manifest().lossThresholdRule();
        return r == null ? LossThresholdRule.PROBE.describe() : r;
    }
}
