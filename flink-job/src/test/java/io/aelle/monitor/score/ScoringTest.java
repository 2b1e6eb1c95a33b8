package io.aelle.monitor.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.Outcome;
import io.aelle.wire.RunTruth;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void lowErrorMeansFinalLossStrictlyBelowTheThreshold() {
        assertEquals(RunTruth.LOW_ERROR, Scoring.truth(Outcome.COMPLETED, 0.09, 0.1));
        assertEquals(RunTruth.HIGH_ERROR, Scoring.truth(Outcome.COMPLETED, 0.1, 0.1));
        assertEquals(RunTruth.HIGH_ERROR, Scoring.truth(Outcome.COMPLETED, 0.5, 0.1));
    }

    @Test
    void aRunStoppedEarlyIsNeverScoredNotEvenAsACorrectHighErrorCall() {
        assertEquals(RunTruth.UNSCORED, Scoring.truth(Outcome.STOPPED_EARLY, 0.05, 0.1));
        assertEquals(RunTruth.UNSCORED, Scoring.truth(Outcome.STOPPED_EARLY, 0.9, 0.1));
    }

    @Test
    void failedRunsAndNonFiniteLossesAreHighError() {
        assertEquals(RunTruth.HIGH_ERROR, Scoring.truth(Outcome.FAILED, 0.01, 0.1));
        assertEquals(RunTruth.HIGH_ERROR, Scoring.truth(Outcome.COMPLETED, Double.NaN, 0.1));
        assertEquals(RunTruth.HIGH_ERROR, Scoring.truth(Outcome.COMPLETED, Double.NEGATIVE_INFINITY, 0.1));
    }

    @Test
    void lossBaselineSaysLowOnlyWhenTheCurrentLossIsAlreadyBelow() {
        assertTrue(Scoring.lossBaselineLowError(0.05, 0.1));
        assertFalse(Scoring.lossBaselineLowError(0.1, 0.1));
        assertFalse(Scoring.lossBaselineLowError(Double.NaN, 0.1));
    }
}
