package io.aelle.app.model;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.evaluation.CrossValidator;
import io.aelle.model.evaluation.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The figures beside an evaluation's report.json and report.md ({@link io.aelle.model.evaluation.ReportWriter}):
 * F1 against the training fraction, and the test runs on the plane of one bundle (AeLLE's when given) at the
 * fractions nearest 5, 20, 35, 50 and 100 %.
 */
public final class ReportCharts {

    private ReportCharts() {}

    public static void write(Report report, StudyDataset data, List<Embedding> bundles, RunPartition split, Path out)
            throws IOException {
        Files.createDirectories(out);
        Charts.f1Curves(report, out.resolve("f1-vs-fraction.png"));
        if (bundles.isEmpty()) {
            return;
        }
        Embedding e = bundles.stream().filter(b -> b.type().id().equals("aelle")).findFirst().orElse(bundles.get(0));
        List<DatasetRow> test = CrossValidator.scored(split.rows(data.rows(), RunPartition.Part.TEST));
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
