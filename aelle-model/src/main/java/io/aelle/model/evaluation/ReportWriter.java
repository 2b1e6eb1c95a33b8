package io.aelle.model.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingFitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Writes report.json, report.md and the PNGs of an evaluation. */
public final class ReportWriter {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Report report, StudyDataset data, List<Embedding> bundles, RunSplit split, String command, Path out)
            throws IOException {
        Files.createDirectories(out);
        JSON.writeValue(out.resolve("report.json").toFile(), report);
        Files.writeString(out.resolve("report.md"), markdown(report, command));
        Charts.f1Curves(report, out.resolve("f1-vs-fraction.png"));
        if (!bundles.isEmpty()) {
            Embedding e = bundles.stream().filter(b -> b.type().id().equals("aelle")).findFirst().orElse(bundles.get(0));
            List<DatasetRow> test = EmbeddingFitter.usable(split.rows(data.rows(), RunSplit.Part.TEST));
            List<Double> fractions = new ArrayList<>(new TreeSet<>(test.stream().map(DatasetRow::fractionKey).toList()));
            for (double f : Charts.pick(fractions, 0.05, 0.2, 0.35, 0.5, 1.0)) {
                List<DatasetRow> at = test.stream().filter(r -> r.fractionKey() == f).toList();
                double[][] pts = new double[at.size()][];
                for (int i = 0; i < pts.length; i++) {
                    var p = e.project(at.get(i).spectrum(), f);
                    pts[i] = new double[] {p.pc1(), p.pc2()};
                }
                Charts.plane(pts, EmbeddingFitter.labels(at, report.lossThreshold()), e.classifierAt(f),
                        String.format(Locale.ROOT, "%s plane, test runs at %.0f%% of training", e.type().id(), 100 * f),
                        out.resolve(String.format(Locale.ROOT, "plane-%s-%03d.png", e.type().id(), Math.round(100 * f))));
            }
        }
    }

    static String markdown(Report r, String command) {
        StringBuilder b = new StringBuilder();
        b.append("# Early-verdict evaluation: study ").append(r.study()).append("\n\n");
        String why = switch (r.lossThresholdRule() == null ? "probe" : r.lossThresholdRule()) {
            case "median" -> " (the median final loss of the training runs, so both classes are well populated)";
            case "fixed" -> " (fixed on the command line)";
            default -> " (the study probe's threshold)";
        };
        b.append(String.format(Locale.ROOT, "Low error = final validation loss < %.4g%s. Runs: %d train, %d validation, %d test "
                        + "(split by run). Metrics on the test runs; F1 interval = 95%% bootstrap over runs.%n%n",
                r.lossThreshold(), why, r.runs().get("train"), r.runs().get("validation"), r.runs().get("test")));
        if (command != null) {
            b.append("Command: `").append(command).append("`\n\n");
        }
        Set<String> predictors = new LinkedHashSet<>();
        Set<Double> fractions = new TreeSet<>();
        for (ReportRow row : r.rows()) {
            predictors.add(row.predictor());
            fractions.add(row.fraction());
        }
        b.append("## F1 by training fraction\n\n| predictor |");
        for (double f : fractions) {
            b.append(String.format(Locale.ROOT, " %.0f%% |", 100 * f));
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
        b.append("\n## Every row\n\n| fraction | predictor | classifier | recall | precision | F1 | F1 95% CI | tp | fp | fn | tn |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ReportRow x : r.rows()) {
            b.append(String.format(Locale.ROOT, "| %.0f%% | %s | %s | %.3f | %.3f | %.3f | [%.2f, %.2f] | %d | %d | %d | %d |%n",
                    100 * x.fraction(), x.predictor(), x.classifier(), x.recall(), x.precision(), x.f1(),
                    x.f1Ci95()[0], x.f1Ci95()[1], x.tp(), x.fp(), x.fn(), x.tn()));
        }
        return b.toString();
    }
}
