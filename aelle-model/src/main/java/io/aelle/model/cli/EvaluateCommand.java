package io.aelle.model.cli;

import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.evaluation.Evaluator;
import io.aelle.model.evaluation.Predictor;
import io.aelle.model.evaluation.Report;
import io.aelle.model.evaluation.ReportRow;
import io.aelle.model.evaluation.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor evaluate}: the paper's Table 1 on the study's held-out runs. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Recall/precision/F1 per training fraction of each bundle, the loss baseline and plain spectrum "
                + "predictors on the test runs; writes report.md, report.json and PNGs.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "dataset directory or file")
    Path dataset;

    @Option(names = "--bundle", arity = "0..*", description = "bundle directories (trained with the same split seed)")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--out", description = "report directory (default: <dataset>/report)")
    Path out;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples for the F1 intervals (default ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--loss-threshold",
            description = "low-error threshold: probe, median (of the training runs' final losses) or a number; "
                    + "default: the one the bundles were trained against, else probe")
    String lossThreshold;

    @Option(names = "--split-seed", defaultValue = "20260101", description = "run split seed, as in train (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Override
    public Integer call() throws Exception {
        StudyDataset data = StudyDataset.read(dataset);
        List<Embedding> loaded = new ArrayList<>();
        for (Path b : bundles) {
            Embedding e = Embedding.load(b);
            if (!e.study().equals(data.header().study())) {
                throw new IllegalArgumentException("bundle " + b + " is for study '" + e.study() + "', the dataset is '" + data.header().study() + "'");
            }
            loaded.add(e);
        }
        RunSplit split = new RunSplit(splitSeed, RunSplit.DEFAULT.trainShare(), RunSplit.DEFAULT.validationShare());
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
        Evaluator ev = new Evaluator(split, bootstrap, 7L);
        ProgressBar bar = new ProgressBar("evaluate", 2);
        bar.update(0, "fitting spectrum predictors");
        List<Predictor> predictors = ev.predictors(data, loaded);
        bar.update(1, "scoring test runs");
        Report scored = ev.evaluate(data, predictors);
        Report report = new Report(scored.study(), scored.lossThreshold(), rule, scored.runs(), scored.rows());
        bar.update(2, "done");
        Path dir = out != null ? out : (java.nio.file.Files.isDirectory(dataset) ? dataset : dataset.toAbsolutePath().getParent()).resolve("report");
        StringBuilder cmd = new StringBuilder("./aelle-monitor evaluate --dataset ").append(dataset);
        bundles.forEach(b -> cmd.append(" --bundle ").append(b));
        if (lossThreshold != null) {
            cmd.append(" --loss-threshold ").append(lossThreshold);
        }
        ReportWriter.write(report, data, loaded, split, cmd.toString(), dir);
        System.out.printf(Locale.ROOT, "report: %s (runs %s)%n", dir, report.runs());
        for (ReportRow r : report.rows()) {
            System.out.printf(Locale.ROOT, "  %5.0f%%  %-18s F1 %.3f [%.2f, %.2f]  recall %.3f  precision %.3f%n",
                    100 * r.fraction(), r.predictor(), r.f1(), r.f1Ci95()[0], r.f1Ci95()[1], r.recall(), r.precision());
        }
        return 0;
    }

    private static String ruleOf(Embedding e) {
        String r = e.manifest().lossThresholdRule();
        return r == null ? LossThresholdRule.PROBE.describe() : r;
    }
}
