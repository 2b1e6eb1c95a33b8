package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import io.aelle.model.embedding.BundleManifest;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.Evaluator;
import io.aelle.model.evaluation.FeatureModel;
import io.aelle.model.evaluation.FeatureSet;
import io.aelle.model.evaluation.FeatureSpec;
import io.aelle.model.evaluation.Predictor;
import io.aelle.model.evaluation.PreviousLoss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesABundleALossCurveAndAShortLog() throws IOException {
        Path ds = dir.resolve("ds");
        Files.createDirectories(ds);
        StudyDataset data = SyntheticStudy.of(40, 4, 8, 9);
        data.write(ds.resolve(StudyDataset.FILE));
        Path bundle = dir.resolve("bundle");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = new CommandLine(new TrainCommand()).execute("--dataset", ds.toString(), "--embedding", "dsae",
                    "--epochs", "25", "--latent", "2", "--features", "spectrum+loss+hparams", "--out", bundle.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log = e.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, log);
        assertTrue(Files.isRegularFile(bundle.resolve(BundleManifest.FILE)));
        Embedding loaded = Embedding.load(bundle);
        assertEquals("dsae", loaded.type().id());
        assertEquals("spectrum+loss+hparams", FeatureSpec.setOf(loaded), "the bundle records its features");
        assertEquals(List.of("q"), FeatureSpec.of(loaded).hparams().numeric(), "with the hparams encoding");
        assertTrue(FeatureSpec.of(loaded).lossQuantiles().size() == 5, "and the training losses of each of the 5 fractions");
        // evaluate --bundle scores it by its features, as the job does: the verdicts of the model train fitted
        List<DatasetRow> rows = EmbeddingFitter.usable(data.rows());
        Predictor scored = new Evaluator(RunSplit.DEFAULT, 10, 1, new double[] {0.5}).predictors(data, List.of(loaded)).get(0);
        assertEquals("dsae:spectrum+loss+hparams", scored.name());
        FeatureModel refit = Baselines.featureModel(FeatureSet.parse("spectrum+loss+hparams"),
                EmbeddingFitter.usable(RunSplit.DEFAULT.rows(rows, RunPartition.Part.TRAIN)),
                EmbeddingFitter.usable(RunSplit.DEFAULT.rows(rows, RunPartition.Part.VALIDATION)), PreviousLoss.of(data.rows()), loaded,
                loaded.lossThreshold());
        for (DatasetRow r : rows) {
            assertEquals(refit.lowError(r), scored.lowError(r), r.key());
        }
        java.awt.image.BufferedImage curve = javax.imageio.ImageIO.read(bundle.resolve("loss-curve.png").toFile());
        assertEquals(900, curve.getWidth(), "a decodable loss-curve PNG");
        String stdout = o.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.contains("bundle " + bundle + ": classifier "), stdout);
        assertTrue(stdout.contains("verdict from features spectrum+loss+hparams (logistic"), stdout);
        assertFalse(log.contains("\r"), "not a terminal: plain lines");
        long bar = log.lines().filter(l -> l.startsWith("train dsae [")).count();
        assertTrue(bar >= 2 && bar <= 11, "a line per tenth of 25 epochs at most: " + log);
        assertTrue(log.lines().anyMatch(l -> l.contains("] 25/25 ")), log);
    }

    @Test
    void anUnknownEmbeddingIsNamedBeforeAnyWork() {
        TrainCommand c = new TrainCommand();
        c.embedding = "vae";
        c.dataset = dir.resolve("missing");
        c.out = dir.resolve("b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::call);
        assertTrue(e.getMessage().contains("unknown embedding 'vae'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("b")));
    }
}
