package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.evaluation.Evaluator;
import io.aelle.model.evaluation.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportChartsTest {

    private static StudyDataset data;
    private static Embedding bundle;
    private static Report report;

    @TempDir
    Path dir;

    /** A real evaluation of a synthetic study (4 epochs: checkpoints at 0, .25, .5, .75, 1) with the shipped tiny bundle. */
    @BeforeAll
    static void evaluate() throws IOException {
        bundle = Embedding.loadShipped("synthetic-tiny");
        data = SyntheticStudy.of(40, 4, bundle.manifest().spectrum().length(), 5).withLossThreshold(bundle.lossThreshold());
        Evaluator ev = new Evaluator(RunSplit.DEFAULT, 50, 3);
        report = ev.evaluate(data, ev.predictors(data, List.of(bundle)));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anF1CurveAndAPlanePerPickedFraction() throws IOException {
        Path out = dir.resolve("nested/report");
        ReportCharts.write(report, data, List.of(bundle), RunSplit.DEFAULT, out);
        // 0.05 -> 0, 0.2 and 0.35 -> 0.25, 0.5 -> 0.5, 1.0 -> 1
        assertEquals(List.of("f1-vs-fraction.png", "plane-aelle-000.png", "plane-aelle-025.png", "plane-aelle-050.png",
                "plane-aelle-100.png"), names(out));
        for (String png : names(out)) {
            ChartsTest.png(out.resolve(png));
        }
    }

    @Test
    void withoutBundlesThereAreNoPlanes() throws IOException {
        ReportCharts.write(report, data, List.of(), RunSplit.DEFAULT, dir);
        assertEquals(List.of("f1-vs-fraction.png"), names(dir));
    }
}
