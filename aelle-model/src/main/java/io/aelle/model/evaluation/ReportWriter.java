package io.aelle.model.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Writes report.json and report.md of an evaluation. */
public final class ReportWriter {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** report.json and report.md; the figures are the application's (aelle-app's {@code ReportCharts}). */
    public static void write(Report report, String command, Path out) throws IOException {
        Files.createDirectories(out);
        JSON.writeValue(out.resolve("report.json").toFile(), report);
        Files.writeString(out.resolve("report.md"), markdown(report, command));
    }

    static String markdown(Report r, String command) {
        StringBuilder b = new StringBuilder();
        b.append("# Early-verdict evaluation: study ").append(r.study()).append("\n\n");
        String why = switch (r.lossThresholdRule() == null ? "probe" : r.lossThresholdRule()) {
            case "median" -> r.crossValidated() ? " (the median final loss of all runs, so both classes hold half the runs)"
                    : " (the median final loss of the training runs, so both classes are well populated)";
            case "fixed" -> " (fixed on the command line)";
            default -> " (the study probe's threshold)";
        };
        if (r.crossValidated()) {
            b.append(String.format(Locale.ROOT, "Low error = final validation loss < %.4g%s. Runs: %d, every one scored once by "
                            + "%d-fold cross-validation over runs (stratified by final loss; per fold about %d train, %d validation, "
                            + "the rest held out): every embedding and plain predictor is refitted in each fold. F1 interval = 95%% "
                            + "bootstrap over runs.%n%n", r.lossThreshold(), why, r.runs().get("test"), r.runs().get("folds"),
                    r.runs().get("train"), r.runs().get("validation")));
        } else {
            b.append(String.format(Locale.ROOT, "Low error = final validation loss < %.4g%s. Runs: %d train, %d validation, %d test "
                            + "(split by run). Metrics on the test runs; F1 interval = 95%% bootstrap over runs.%n%n",
                    r.lossThreshold(), why, r.runs().get("train"), r.runs().get("validation"), r.runs().get("test")));
        }
        b.append("A verdict at training fraction f uses each run's latest checkpoint at or before f: a column like "
                + "\"20% (17%)\" means the runs have no checkpoint at 20%, so the 17% one is what a monitor has then.\n\n");
        if (command != null) {
            b.append("Command: `").append(command).append("`\n\n");
        }
        if (r.unavailable() != null && !r.unavailable().isEmpty()) {
            b.append("Unavailable on this study (not scored, not F1 0): ");
            List<String> items = new ArrayList<>();
            r.unavailable().forEach((p, reason) -> items.add(p + " (" + reason + ")"));
            b.append(String.join("; ", items)).append(".\n\n");
        }
        b.append("Baselines a search already has: hparams (logistic regression on the run's hyperparameters), loss-median "
                + "(val_loss at or below the training runs' q-quantile at the same fraction, q = their low-error share: "
                + "MedianPruner's rule), loss-fitted (logistic regression on val_loss, its change and the fraction) and "
                + "loss-threshold (val_loss already below the final threshold, the paper's Table 1 baseline). A name with + "
                + "is a combined feature set (logistic regression, pooled or per fraction as the validation runs chose).\n\n");
        Set<String> predictors = new LinkedHashSet<>();
        Set<Double> fractions = new TreeSet<>();
        for (ReportRow row : r.rows()) {
            predictors.add(row.predictor());
            fractions.add(row.fraction());
        }
        b.append("## F1 by training fraction\n\n| predictor |");
        for (double f : fractions) {
            b.append(' ').append(fractionLabel(r, f)).append(" |");
        }
        b.append("\n|---|");
        fractions.forEach(f -> b.append("---|"));
        b.append('\n');
        for (String p : predictors) {
            b.append("| ").append(p).append(" |");
            for (double f : fractions) {
                r.rows().stream().filter(x -> x.predictor().equals(p) && x.fraction() == f).findFirst()
                        .ifPresentOrElse(x -> b.append(String.format(Locale.ROOT, " %.2f |", x.f1())), () -> b.append(" - |"));
            }
            b.append('\n');
        }
        comparisons(b, r, fractions);
        b.append("\n## Every row\n\n| fraction | checkpoint | predictor | classifier | recall | precision | F1 | F1 95% CI | tp | fp | fn | tn |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ReportRow x : r.rows()) {
            b.append(String.format(Locale.ROOT, "| %.0f%% | %.0f%% | %s | %s | %.3f | %.3f | %.3f | [%.2f, %.2f] | %d | %d | %d | %d |%n",
                    100 * x.fraction(), 100 * x.checkpointFraction(), x.predictor(), x.classifier(), x.recall(), x.precision(), x.f1(),
                    x.f1Ci95()[0], x.f1Ci95()[1], x.tp(), x.fp(), x.fn(), x.tn()));
        }
        return b.toString();
    }

    private static String fractionLabel(Report r, double f) {
        double cp = r.rows().stream().filter(x -> x.fraction() == f).mapToDouble(ReportRow::checkpointFraction).max().orElse(f);
        return Math.abs(cp - f) < 1e-9 ? String.format(Locale.ROOT, "%.0f%%", 100 * f)
                : String.format(Locale.ROOT, "%.0f%% (%.0f%%)", 100 * f, 100 * cp);
    }

    /** ΔF1 of each predictor against each baseline; a mark where the paired interval lies wholly above zero. */
    private static void comparisons(StringBuilder b, Report r, Set<Double> fractions) {
        if (r.comparisons() == null || r.comparisons().isEmpty()) {
            return;
        }
        b.append("\n## What each predictor adds: F1 minus the baseline's, paired 95% interval\n\n"
                + "✔ = the interval lies above zero (the predictor beats the baseline at that fraction on these runs); "
                + "✘ = below zero.\n\n| predictor | baseline |");
        for (double f : fractions) {
            b.append(' ').append(fractionLabel(r, f)).append(" |");
        }
        b.append("\n|---|---|");
        fractions.forEach(f -> b.append("---|"));
        b.append('\n');
        Set<String> pairs = new LinkedHashSet<>();
        r.comparisons().forEach(c -> pairs.add(c.predictor() + "\u0000" + c.baseline()));
        for (String pair : pairs) {
            String[] pb = pair.split("\u0000");
            b.append("| ").append(pb[0]).append(" | ").append(pb[1]).append(" |");
            for (double f : fractions) {
                r.comparisons().stream().filter(c -> c.fraction() == f && c.predictor().equals(pb[0]) && c.baseline().equals(pb[1]))
                        .findFirst().ifPresentOrElse(c -> b.append(String.format(Locale.ROOT, " %+.2f [%+.2f, %+.2f]%s |", c.deltaF1(),
                                c.deltaF1Ci95()[0], c.deltaF1Ci95()[1], c.better() ? " ✔" : c.deltaF1Ci95()[1] < 0 ? " ✘" : "")),
                                () -> b.append(" |"));
            }
            b.append('\n');
        }
    }
}
