package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossMedianRuleTest {

    private static final double[] LOSSES = {0.1, 0.2, 0.4, 0.8};

    @Test
    void theQuantileInterpolatesBetweenOrderStatistics() {
        assertEquals(0.3, LossMedianRule.quantile(LOSSES, 0.5), 1e-12);   // between 0.2 and 0.4
        assertEquals(0.1, LossMedianRule.quantile(LOSSES, 0), 0.0);
        assertEquals(0.8, LossMedianRule.quantile(LOSSES, 1), 0.0);
        assertEquals(0.8, LossMedianRule.quantile(LOSSES, 7), 0.0, "q is clamped");
        assertEquals(0.2, LossMedianRule.quantile(LOSSES, 1.0 / 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LossMedianRule.quantile(new double[0], 0.5));
    }

    @Test
    void lowErrorAtOrBelowTheQuantile() {
        assertTrue(LossMedianRule.lowError(0.3, LOSSES, 0.5), "at the quantile");
        assertFalse(LossMedianRule.lowError(0.31, LOSSES, 0.5));
        assertTrue(LossMedianRule.lowError(0.14, LOSSES, 1.0 / 6), "the 1/6-quantile is 0.15");
        assertFalse(LossMedianRule.lowError(0.15, LOSSES, 0), "q = 0: only the best loss or below");
    }

    @Test
    void likeMedianPrunerARunWithNothingToCompareWithIsKeptAndAMissingLossIsNot() {
        assertTrue(LossMedianRule.lowError(5.0, new double[0], 0.5));
        assertFalse(LossMedianRule.lowError(Double.NaN, LOSSES, 0.5));
        assertFalse(LossMedianRule.lowError(Double.NaN, new double[0], 0.5));
    }

    @Test
    void qIsTheRecordedShareElseTheMedian() {
        assertEquals(0.3, LossMedianRule.q(0.3), 0.0);
        assertEquals(LossMedianRule.DEFAULT_Q, LossMedianRule.q(null), 0.0);
        assertEquals(0.5, LossMedianRule.q(Double.NaN), 0.0);
        assertEquals(0.5, LossMedianRule.q(1.5), 0.0);
    }
}
