package io.aelle.monitor.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FractionBucketTest {

    @Test
    void exactEpochFractionsLandInTheirOwnBucket() {
        for (int epoch = 0; epoch <= 20; epoch++) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", epoch * 0.05), FractionBucket.of(epoch / 20.0), "epoch " + epoch);
        }
        assertEquals("0.15", FractionBucket.of(3 / 20.0)); // 0.15 / 0.05 is 2.9999999999999996 in binary
        assertEquals("0.35", FractionBucket.of(7 / 20.0));
    }

    @Test
    void otherFractionsRoundDownToTheBucketEdge() {
        assertEquals("0.00", FractionBucket.of(1 / 30.0));
        assertEquals("0.05", FractionBucket.of(2 / 30.0));
        assertEquals("0.30", FractionBucket.of(0.3333));
        assertEquals("0.95", FractionBucket.of(0.9999));
        assertEquals("1.00", FractionBucket.of(1.0));
    }

    @Test
    void fractionsOutsideTheUnitIntervalAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FractionBucket.of(-0.1));
        assertThrows(IllegalArgumentException.class, () -> FractionBucket.of(1.5));
        assertThrows(IllegalArgumentException.class, () -> FractionBucket.of(Double.NaN));
    }
}
