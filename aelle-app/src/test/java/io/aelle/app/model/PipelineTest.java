package io.aelle.app.model;

import io.aelle.model.dataset.RunPartition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.TinySweep;
import io.aelle.model.embedding.Embedding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** tiny sweep directory → dataset → train (aelle, dsae) → evaluate, through the commands. */
class PipelineTest {

    @TempDir
    Path dir;

    @Test
    void tinySweepToReport() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 30, 4, 5);
        Path ds = dir.resolve("ds");
        assertEquals(0, new CommandLine(new DatasetCommand()).execute("--from", sweep.toString(), "--study", "tiny",
                "--out", ds.toString(), "--threads", "1"));
        Path aelle = dir.resolve("b-aelle");
        assertEquals(0, new CommandLine(new TrainCommand()).execute("--dataset", ds.toString(), "--embedding", "aelle",
                "--out", aelle.toString(), "--alpha-schedule", "1:8,2:8", "--latent", "8"));
        assertTrue(Files.size(aelle.resolve("loss-curve.png")) > 1000);
        Path dsae = dir.resolve("b-dsae");
        assertEquals(0, new CommandLine(new TrainCommand()).execute("--dataset", ds.toString(), "--embedding", "dsae",
                "--out", dsae.toString(), "--epochs", "8", "--latent", "4"));
        Path report = dir.resolve("report");
        assertEquals(0, new CommandLine(new EvaluateCommand()).execute("--dataset", ds.toString(), "--bundle", aelle.toString(),
                "--bundle", dsae.toString(), "--out", report.toString(), "--bootstrap", "200"));

        JsonNode r = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("tiny", r.get("study").asText());
        assertEquals(0.5, r.get("loss_threshold").asDouble());
        long runs = r.get("runs").get("train").asLong() + r.get("runs").get("validation").asLong() + r.get("runs").get("test").asLong();
        assertEquals(30, runs);
        Set<String> predictors = new HashSet<>();
        Set<Double> fractions = new HashSet<>();
        for (JsonNode row : r.get("rows")) {
            predictors.add(row.get("predictor").asText());
            fractions.add(row.get("fraction").asDouble());
            long total = row.get("tp").asLong() + row.get("fp").asLong() + row.get("fn").asLong() + row.get("tn").asLong();
            assertEquals(r.get("runs").get("test").asLong(), total, "one row per test run at each fraction");
            double lo = row.get("f1_ci95").get(0).asDouble();
            double hi = row.get("f1_ci95").get(1).asDouble();
            assertTrue(lo <= hi && lo >= 0 && hi <= 1);
        }
        assertEquals(Set.of("aelle", "dsae", "spectrum-pca", "spectrum-logistic", "loss-threshold", "loss-median", "loss-fitted", "hparams"), predictors);
        assertEquals(Set.of(0.0, 0.25, 0.5, 0.75, 1.0, 0.05, 0.2, 0.35), fractions, "checkpoint fractions and the paper's as-of ones");
        assertTrue(Files.readString(report.resolve("report.md")).contains("| spectrum-logistic |"));
        assertTrue(Files.size(report.resolve("f1-vs-fraction.png")) > 1000);
        try (var s = Files.list(report)) {
            assertTrue(s.filter(p -> p.getFileName().toString().startsWith("plane-aelle-")).count() >= 3);
        }
        // cross-validated: every run scored once, embeddings refitted per fold
        Path cv = dir.resolve("cv");
        assertEquals(0, new CommandLine(new EvaluateCommand()).execute("--dataset", ds.toString(), "--folds", "3",
                "--embedding", "dsae-supervised", "--out", cv.toString(), "--bootstrap", "100"));
        JsonNode c = new ObjectMapper().readTree(cv.resolve("report.json").toFile());
        assertEquals(30, c.get("runs").get("test").asLong());
        assertEquals(3, c.get("runs").get("folds").asLong());
        assertTrue(c.get("comparisons").size() >= 3, "dsae-supervised against the three baselines");
        assertTrue(Files.readString(cv.resolve("report.md")).contains("3-fold cross-validation"));
        assertEquals(1, new CommandLine(new EvaluateCommand()).execute("--dataset", ds.toString(), "--folds", "3",
                "--bundle", aelle.toString()), "bundles cannot be cross-validated");
        // the bundle serves raw engine spectra too
        Embedding e = Embedding.load(aelle);
        assertEquals(e.project(Embedding.prepare(new double[] {-0.5, -1, -0.1, -2}, 6)), e.projectRaw(new double[] {-0.1, -0.5, -1, -2}));
    }

    @Test
    void medianThresholdIsRecordedInTheBundleAndTheReportAndMismatchesAreRefused() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 30, 4, 5);
        Path ds = dir.resolve("ds");
        assertEquals(0, new CommandLine(new DatasetCommand()).execute("--from", sweep.toString(), "--study", "tiny",
                "--out", ds.toString(), "--threads", "1"));
        Path dsae = dir.resolve("b-dsae");
        assertEquals(0, new CommandLine(new TrainCommand()).execute("--dataset", ds.toString(), "--embedding", "dsae",
                "--out", dsae.toString(), "--epochs", "8", "--latent", "4", "--loss-threshold", "median"));
        double median = LossThresholdRule.MEDIAN.resolve(StudyDataset.read(ds), RunSplit.DEFAULT);
        Embedding e = Embedding.load(dsae);
        assertEquals(median, e.lossThreshold(), 0.0);
        assertEquals("median", e.manifest().lossThresholdRule());
        JsonNode v = new ObjectMapper().readTree(dsae.resolve("bundle.json").toFile()).get("validation");
        assertEquals(e.perFraction(), v.get("per_fraction").asBoolean());
        assertEquals(e.perFraction(), v.get("per_fraction_cross_fitted_f1").asDouble() > v.get("pooled_cross_fitted_f1").asDouble());

        Path report = dir.resolve("report");
        assertEquals(0, new CommandLine(new EvaluateCommand()).execute("--dataset", ds.toString(), "--bundle", dsae.toString(),
                "--out", report.toString(), "--bootstrap", "100"));
        JsonNode r = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(median, r.get("loss_threshold").asDouble(), 0.0);
        assertEquals("median", r.get("loss_threshold_rule").asText());
        StudyDataset data = StudyDataset.read(ds);
        long trainRuns = 0, trainLow = 0;
        for (var run : data.byRun().entrySet()) {
            if (RunSplit.DEFAULT.partOf(run.getKey()) == RunPartition.Part.TRAIN) {
                trainRuns++;
                trainLow += run.getValue().get(0).finalLoss() < median ? 1 : 0;
            }
        }
        assertEquals(trainRuns / 2.0, trainLow, 1.0, "the median puts about half the training runs in each class");
        assertTrue(Files.readString(report.resolve("report.md")).contains("median final loss of the training runs"));

        // a bundle labelled at the median cannot be scored against another threshold
        assertTrue(new CommandLine(new EvaluateCommand()).execute("--dataset", ds.toString(), "--bundle", dsae.toString(),
                "--out", dir.resolve("r2").toString(), "--loss-threshold", "probe") != 0);
    }
}
