package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void theMeanLiesInsideItsBootstrapIntervalAndAConstantHasNoWidth() {
        Interval i = Interval.of(new double[] {1, 2, 3, 4, 10}, 1);
        assertEquals(4.0, i.mean(), 1e-12);
        assertTrue(i.low() < 4 && 4 < i.high() && i.low() >= 1 && i.high() <= 10, i.toString());
        Interval c = Interval.of(new double[] {0.5, 0.5, 0.5}, 1);
        assertEquals(0.5, c.low(), 0.0);
        assertEquals(0.5, c.high(), 0.0);
    }
}
