package io.aelle.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankPercentiles() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[99 - i] = i + 1; // 1..100, reversed: the method sorts
        }
        assertEquals(50, LatencyStats.percentile(v, 50));
        assertEquals(99, LatencyStats.percentile(v, 99));
        assertEquals(100, LatencyStats.percentile(v, 100));
        assertEquals(7, LatencyStats.percentile(new double[] {7}, 99));
        assertTrue(Double.isNaN(LatencyStats.percentile(new double[0], 50)));
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.percentile(v, 0));
    }
}
