package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossHistoryTest {

    @Test
    void keepsEpochsInOrderAndTheLastValidationLoss() {
        LossHistory h = new LossHistory();
        assertTrue(Double.isNaN(h.lastValidation()), "nothing yet");
        h.add(1, 0.9, 1.0);
        h.add(2, 0.5, Double.NaN);
        h.add(3, 0.4, 0.45);
        List<double[]> p = h.points();
        assertEquals(3, p.size());
        assertArrayEquals(new double[] {1, 0.9, 1.0}, p.get(0));
        assertArrayEquals(new double[] {3, 0.4, 0.45}, p.get(2));
        assertEquals(0.45, h.lastValidation());
        h.add(4, 0.3, Double.NaN);
        assertTrue(Double.isNaN(h.lastValidation()), "the last epoch's, even when it has none");
    }

    @Test
    void pointsIsASnapshot() {
        LossHistory h = new LossHistory();
        h.add(1, 0.9, 1.0);
        List<double[]> before = h.points();
        h.add(2, 0.8, 0.9);
        assertEquals(1, before.size());
        assertThrows(UnsupportedOperationException.class, () -> before.add(new double[3]));
    }
}
