package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetRowTest {

    private static DatasetRow row(int epoch, int total, double finalLoss) {
        return new DatasetRow("run-7", "{}", epoch, total, 0.5, finalLoss, 3, new double[] {-0.1, -0.2, -0.3});
    }

    @Test
    void fractionIsEpochOverTotal() {
        assertEquals(0.0, row(0, 8, 1).fraction());
        assertEquals(0.375, row(3, 8, 1).fraction());
        assertEquals(1.0, row(8, 8, 1).fraction());
    }

    @Test
    void fractionKeyGroupsTheSameFractionOfRunsOfDifferentLengths() {
        assertEquals(row(1, 3, 1).fractionKey(), row(4, 12, 1).fractionKey());
        assertEquals(0.3333, row(1, 3, 1).fractionKey());
        assertEquals(0.6667, row(2, 3, 1).fractionKey());
        assertTrue(row(1, 3, 1).fractionKey() != row(1, 4, 1).fractionKey());
        assertEquals(0.35, row(7, 20, 1).fractionKey(), 0.0, "exactly the double 0.35, so reports can look it up");
    }

    @Test
    void lowErrorIsStrictlyBelowTheThreshold() {
        assertTrue(row(1, 2, 0.099).lowError(0.1));
        assertFalse(row(1, 2, 0.1).lowError(0.1));
        assertFalse(row(1, 2, Double.NaN).lowError(0.1), "a run without a final loss is never low error");
    }

    @Test
    void keyNamesRunAndEpoch() {
        assertEquals("run-7@3", row(3, 8, 1).key());
    }
}
