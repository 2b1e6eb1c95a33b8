package io.aelle.monitor.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.LossMedianRule;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossReservoirTest {

    @Test
    void belowItsCapacityTheSampleIsEveryLossSorted() {
        LossReservoir r = new LossReservoir();
        double[] losses = {0.7, 0.1, 0.4, 0.4, 2.0};
        for (double l : losses) {
            r.add(l, "s|0.20");
        }
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, r.sorted);
        assertEquals(5, r.seen);
    }

    @Test
    void itStaysBoundedSortedAndAUniformSampleWhoseMedianIsWithinItsRankError() {
        LossReservoir r = new LossReservoir();
        Random random = new Random(3);
        int n = 20 * LossReservoir.CAPACITY;
        for (int i = 0; i < n; i++) {
            // a drifting stream: a sample that kept only early or only late losses would have a biased median
            r.add(i / (double) n + 0.1 * random.nextDouble(), "s|0.50");
        }
        assertEquals(LossReservoir.CAPACITY, r.sorted.length);
        assertEquals(n, r.seen);
        double[] check = r.sorted.clone();
        Arrays.sort(check);
        assertArrayEquals(check, r.sorted);
        // the stream's median is about 0.55; four rank standard errors (4 x 1.6 %) of a near-uniform stream
        double median = LossMedianRule.quantile(r.sorted, 0.5);
        assertTrue(Math.abs(median - 0.55) < 0.07, "sample median " + median);
    }

    @Test
    void theSameStreamGivesTheSameSampleAsAReplayAfterARestartWould() {
        LossReservoir a = new LossReservoir();
        LossReservoir b = new LossReservoir();
        for (int i = 0; i < 3 * LossReservoir.CAPACITY; i++) {
            a.add(Math.sin(i), "s|0.05");
            b.add(Math.sin(i), "s|0.05");
        }
        assertArrayEquals(a.sorted, b.sorted);
    }

    @Test
    void aMissingLossIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LossReservoir().add(Double.NaN, "s|0.00"));
    }
}
