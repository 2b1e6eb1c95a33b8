package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpectrumInterpolatorTest {

    @Test
    void midpointDoublingOnceAndTwice() {
        double[] x = {1.0, 0.0, -2.0};
        // midpoints 0.5, -1.0; last value extrapolated by half a step: -2 + (-2 - 0)/2 = -3
        assertArrayEquals(new double[] {1.0, 0.5, 0.0, -1.0, -2.0, -3.0}, SpectrumInterpolator.interpolate(x, 6), 0.0);
        assertArrayEquals(new double[] {1.0, 0.75, 0.5, 0.25, 0.0, -0.5, -1.0, -1.5, -2.0, -2.5, -3.0, -3.5},
                SpectrumInterpolator.interpolate(x, 12), 0.0);
    }

    @Test
    void sameLengthIsACopy() {
        double[] x = {3.0, -1.0};
        double[] y = SpectrumInterpolator.interpolate(x, 2);
        assertArrayEquals(x, y, 0.0);
        y[0] = 7;
        assertArrayEquals(new double[] {3.0, -1.0}, x, 0.0);
    }

    @Test
    void singleValueDoublesToConstant() {
        assertArrayEquals(new double[] {-0.5, -0.5, -0.5, -0.5}, SpectrumInterpolator.interpolate(new double[] {-0.5}, 4), 0.0);
    }

    @Test
    void linearResamplingKeepsEndsAndInterpolates() {
        double[] x = {0.0, 1.0, 4.0};
        // positions 0, 0.5, 1, 1.5, 2 of the input
        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 2.5, 4.0}, SpectrumInterpolator.interpolate(x, 5), 1e-15);
        // down-sampling to 2: both ends
        assertArrayEquals(new double[] {0.0, 4.0}, SpectrumInterpolator.interpolate(x, 2), 0.0);
        // 4 points: positions 0, 2/3, 4/3, 2
        assertArrayEquals(new double[] {0.0, 2.0 / 3, 1.0 + 3.0 / 3, 4.0}, SpectrumInterpolator.interpolate(x, 4), 1e-15);
    }

    @Test
    void rejectsEmptyAndNonPositiveLength() {
        assertThrows(IllegalArgumentException.class, () -> SpectrumInterpolator.interpolate(new double[0], 4));
        assertThrows(IllegalArgumentException.class, () -> SpectrumInterpolator.interpolate(new double[] {1}, 0));
    }
}
