package io.aelle.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunTruthTest {

    @Test
    void aCompletedRunIsLowErrorOnlyStrictlyBelowTheThreshold() {
        assertEquals(RunTruth.LOW_ERROR, RunTruth.of("completed", 0.09, 0.1));
        assertEquals(RunTruth.HIGH_ERROR, RunTruth.of("completed", 0.1, 0.1));
        assertEquals(RunTruth.LOW_ERROR, RunTruth.of(null, 0.09, 0.1), "no status: completed");
        assertEquals(RunTruth.HIGH_ERROR, RunTruth.of("completed", Double.NaN, 0.1), "no finite loss");
        assertEquals(RunTruth.HIGH_ERROR, RunTruth.of("completed", Double.NEGATIVE_INFINITY, 0.1));
    }

    @Test
    void aFailedRunIsHighErrorWhateverItsLastLoss() {
        assertEquals(RunTruth.HIGH_ERROR, RunTruth.of("failed", 0.01, 0.1));
        assertEquals(Double.POSITIVE_INFINITY, RunTruth.scoredFinalLoss("failed", 0.01));
        assertEquals(Double.POSITIVE_INFINITY, RunTruth.scoredFinalLoss("failed", Double.NaN));
    }

    @Test
    void aRunStoppedEarlyHasNoTruthWhateverLossItWasStoppedAt() {
        assertEquals(RunTruth.UNSCORED, RunTruth.of("stopped_early", 0.05, 0.1));
        assertEquals(RunTruth.UNSCORED, RunTruth.of("stopped_early", 5, 0.1));
        assertFalse(RunTruth.UNSCORED.scored());
        assertTrue(Double.isNaN(RunTruth.scoredFinalLoss("stopped_early", 0.05)));
    }

    @Test
    void anUnknownStatusIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunTruth.of("paused", 0.1, 0.5));
        assertTrue(e.getMessage().contains("'paused'"), e.getMessage());
    }
}
