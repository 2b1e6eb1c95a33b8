package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetScaleTest {

    @Test
    void standardisesTheLogLossAndInvertsExactly() {
        TargetScale s = TargetScale.fit(new double[] {Math.E, Math.exp(3)});   // ln: 1, 3 → mean 2, SD 1
        assertEquals(2, s.mean(), 1e-12);
        assertEquals(1, s.std(), 1e-12);
        assertEquals(-1, s.forward(Math.E), 1e-12);
        assertEquals(0.37, s.inverse(s.forward(0.37)), 1e-12);
        assertTrue(Double.isNaN(s.inverse(Double.NaN)));
    }
}
