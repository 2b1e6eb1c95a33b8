package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalisationTest {

    private static final double[][] ROWS = {{1, -2, 5}, {3, -4, 5}, {5, -6, 5}};

    @Test
    void standardiseGivesZeroMeanUnitVarianceAndLeavesConstantsAlone() {
        Normalisation n = Normalisation.standardise(ROWS);
        assertArrayEquals(new double[] {3, -4, 5}, n.center(), 1e-15);
        double sd = Math.sqrt(8.0 / 3);   // population SD of (1, 3, 5)
        assertArrayEquals(new double[] {sd, sd, 1}, n.scale(), 1e-15);
        assertArrayEquals(new double[] {-2 / sd, 2 / sd, 0}, n.apply(ROWS[0]), 1e-15);
    }

    @Test
    void rangeToMapsTheTrainingRangeOntoPlusMinusLimit() {
        Normalisation n = Normalisation.rangeTo(ROWS, 0.8);
        assertArrayEquals(new double[] {-0.8, 0.8, 0}, n.apply(ROWS[0]), 1e-15);
        assertArrayEquals(new double[] {0.8, -0.8, 0}, n.apply(ROWS[2]), 1e-15);
    }

    @Test
    void wrongLengthIsAClearError() {
        Normalisation n = Normalisation.standardise(ROWS);
        assertThrows(IllegalArgumentException.class, () -> n.apply(new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(new double[] {0}, new double[] {0}));
    }
}
