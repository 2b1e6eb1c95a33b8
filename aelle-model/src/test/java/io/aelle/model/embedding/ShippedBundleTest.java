package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The pre-trained bundle shipped for the demo's study loads and projects fixed spectra to the committed values. */
class ShippedBundleTest {

    private static final double TOL = 1e-9;

    private static double[] line(double start, double drop, int length) {
        double[] s = new double[length];
        for (int i = 0; i < length; i++) {
            s[i] = start - drop * i / (length - 1.0);
        }
        return s;
    }

    @Test
    void projectsFixedSpectraToTheCommittedValues() throws Exception {
        Embedding e = Embedding.loadShipped("smnist-demo");
        assertEquals(64, e.spectrumLength());
        assertEquals("dsae-supervised", e.type().id());
        assertEquals("median", e.manifest().lossThresholdRule());
        assertFalse(e.perFraction(), "dsae-supervised kept its pooled classifier (cross-fitted validation F1 equal)");
        assertEquals("smnist", e.task());
        Projection a = e.project(line(0.05, 0.5, 64));
        assertEquals(-0.4626378703724209, a.pc1(), TOL);
        assertEquals(1.4991096367486336, a.pc2(), TOL);
        assertEquals(0.7543017031801563, a.predictedFinalLoss(), TOL);
        assertEquals(true, a.likelyLowError());
        Projection b = e.project(line(1.0, 0.5, 64));
        assertEquals(1.0517837942904373, b.pc1(), TOL);
        assertEquals(1.5154665671638439, b.pc2(), TOL);
        assertEquals(2.4395664778861503, b.predictedFinalLoss(), TOL);
        assertEquals(false, b.likelyLowError());
        assertEquals(b, e.project(line(1.0, 0.5, 64), 0.2), "a pooled bundle ignores the fraction");
    }

    @Test
    void itsReportCoversAtLeast120Runs() throws Exception {
        try (InputStream in = ShippedBundleTest.class.getResourceAsStream("/bundles/smnist-demo/report.json")) {
            JsonNode r = new ObjectMapper().readTree(in);
            assertEquals("smnist-demo", r.get("study").asText());
            long runs = 0;
            for (JsonNode n : r.get("runs")) {
                runs += n.asLong();
            }
            assertTrue(runs >= 120, "runs: " + runs);
            assertTrue(r.get("rows").size() > 0);
            assertEquals("median", r.get("loss_threshold_rule").asText());
            assertEquals(Embedding.loadShipped("smnist-demo").lossThreshold(), r.get("loss_threshold").asDouble(), 0.0,
                    "the report labels runs with the bundle's threshold");
        }
    }

    @Test
    void itsCrossValidatedReportScoresEveryRunAndComparesWithThePlainPredictors() throws Exception {
        try (InputStream in = ShippedBundleTest.class.getResourceAsStream("/bundles/smnist-demo/cross-validation/report.json")) {
            JsonNode r = new ObjectMapper().readTree(in);
            assertEquals(5, r.get("runs").get("folds").asLong());
            assertTrue(r.get("runs").get("test").asLong() >= 120, "every run of the study is a test run once");
            boolean sawTwentyPercent = false;
            for (JsonNode row : r.get("rows")) {
                long n = row.get("tp").asLong() + row.get("fp").asLong() + row.get("fn").asLong() + row.get("tn").asLong();
                assertEquals(r.get("runs").get("test").asLong(), n, "one verdict per run at every fraction");
                sawTwentyPercent |= row.get("fraction").asDouble() == 0.2;
            }
            assertTrue(sawTwentyPercent, "the paper's 20% column is reported (as of the latest earlier checkpoint)");
            assertTrue(r.get("comparisons").size() >= 3 * 4, "each embedding against the three baselines");
        }
    }

    @Test
    void theSmnistE10BundleGivesItsVerdictFromTheFeaturesChosenOnValidation() throws Exception {
        Embedding e = Embedding.loadShipped("smnist-e10");
        assertEquals("loss+hparams", io.aelle.model.evaluation.FeatureSpec.setOf(e));
        assertEquals("dsae-supervised", e.type().id());
        assertEquals(0.5, e.lossThreshold(), 0.0, "the study probe's threshold");
        double q = io.aelle.model.dataset.LossMedianRule.q(e.manifest().lowErrorShare());
        assertTrue(q > 0.2 && q < 0.5, "the training runs' low-error share is the live loss-median's q: " + q);
        assertEquals(11, io.aelle.model.evaluation.FeatureSpec.of(e).models().size(), "one model per training fraction of the 10-epoch study");
        try (InputStream in = ShippedBundleTest.class.getResourceAsStream("/bundles/smnist-e10/report.json")) {
            JsonNode r = BundleManifest.json().readTree(in);
            assertEquals(48, r.get("runs").get("test").asInt(), "scored once on the held-out test runs");
            boolean scored = false;
            for (JsonNode row : r.get("rows")) {
                scored |= row.get("predictor").asText().equals("dsae-supervised:loss+hparams");
            }
            assertTrue(scored, "the report scores the bundle by its features");
        }
    }
}
