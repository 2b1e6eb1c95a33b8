package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals("smnist", e.task());
        Projection a = e.project(line(0.05, 0.5, 64));
        assertEquals(-0.4626378703724209, a.pc1(), TOL);
        assertEquals(1.4991096367486336, a.pc2(), TOL);
        assertEquals(0.7543017031801563, a.predictedFinalLoss(), TOL);
        assertEquals(false, a.likelyLowError());
        Projection b = e.project(line(-0.3, 2.0, 64));
        assertEquals(-0.9245778728169924, b.pc1(), TOL);
        assertEquals(1.1336447861714232, b.pc2(), TOL);
        assertEquals(0.5951857813727948, b.predictedFinalLoss(), TOL);
        assertEquals(true, b.likelyLowError());
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
        }
    }
}
