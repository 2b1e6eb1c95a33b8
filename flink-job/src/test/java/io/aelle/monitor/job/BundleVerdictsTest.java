package io.aelle.monitor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import io.aelle.monitor.analysis.RejectedCheckpointException;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.VerdictEvent;
import org.junit.jupiter.api.Test;

/**
 * The projection {@link BundleVerdicts} applies to a kept spectrum is the analyzer's (same bundle, same fraction);
 * the pipeline behaviour (UNKNOWN, reissue, reload) is in {@code BundleTablePipelineTest}.
 */
class BundleVerdictsTest {

    @Test
    void projectsAKeptSpectrumAsTheAnalyzerWouldAndKeepsTheCheckpointsOtherFields() throws Exception {
        Embedding e = Embedding.loadShipped("synthetic-tiny");
        VerdictEvent unknown = new VerdictEvent();
        unknown.runId = "r1";
        unknown.studyId = "synthetic-tiny";
        unknown.epoch = 2;
        unknown.totalEpochs = 8;
        unknown.fraction = 0.25;
        unknown.unknown = true;
        unknown.pc1 = Double.NaN;
        unknown.lossBaselineLowError = true;
        unknown.spectrum = new double[] {0.05, -0.1, -0.3, -0.6, -0.8, -1.1, -1.4, -1.9};

        VerdictEvent v = BundleVerdicts.project(unknown, e);
        Projection expected = e.projectRaw(unknown.spectrum, 0.25);
        assertFalse(v.unknown);
        assertNull(v.toVerdict().verdictReason());
        assertEquals(expected.pc1(), v.pc1, 0.0);
        assertEquals(expected.pc2(), v.pc2, 0.0);
        assertEquals(expected.likelyLowError(), v.likelyLowError);
        assertEquals("r1", v.runId);
        assertTrue(v.lossBaselineLowError, "the loss baseline's verdict is the checkpoint's, unchanged");
        assertTrue(unknown.unknown, "the kept checkpoint is not changed");
        assertEquals("no bundle yet", unknown.toVerdict().verdictReason());
        assertEquals("UNKNOWN", unknown.toVerdict().verdict());
    }

    @Test
    void refusesASpectrumOfAnotherConventionThanTheBundlesAsTheAnalyzerDoes() throws Exception {
        Embedding e = Embedding.loadShipped("synthetic-tiny"); // trained on the reference convention
        VerdictEvent checkpoint = new VerdictEvent();
        checkpoint.runId = "r1";
        checkpoint.studyId = "synthetic-tiny";
        checkpoint.epoch = 2;
        checkpoint.totalEpochs = 8;
        checkpoint.fraction = 0.25;
        checkpoint.spectrum = new double[] {0.05, -0.1, -0.3, -0.6, -0.8, -1.1, -1.4, -1.9};
        checkpoint.convention = "benettin";
        RejectedCheckpointException refused = assertThrows(RejectedCheckpointException.class,
                () -> BundleVerdicts.project(checkpoint, e));
        assertEquals(DeadLetterReason.SPECTRUM_SETTINGS_MISMATCH, refused.reason());
        assertTrue(refused.getMessage().contains("reference convention"), refused.getMessage());
        checkpoint.convention = "reference";
        assertFalse(BundleVerdicts.project(checkpoint, e).unknown);
    }
}
