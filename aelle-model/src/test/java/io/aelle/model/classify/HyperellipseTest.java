package io.aelle.model.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HyperellipseTest {

    @Test
    void theBoundaryIsInside() {
        Hyperellipse e = new Hyperellipse(new double[] {1, -1}, new double[] {2, 0.5});
        assertTrue(e.lowError(new double[] {3, -1}), "on the boundary");
        assertTrue(e.lowError(new double[] {1, -0.5}));
        assertFalse(e.lowError(new double[] {2.5, -0.6}), "(0.75)² + (0.8)² > 1");
        assertTrue(e.lowError(new double[] {2.2, -0.7}), "(0.6)² + (0.6)² < 1");
    }

    @Test
    void fitCentresOnTheLowErrorClusterWithItsShape() {
        Random r = new Random(3);
        int n = 400;
        double[][] p = new double[n][];
        boolean[] low = new boolean[n];
        for (int i = 0; i < n; i++) {
            low[i] = i % 2 == 0;
            p[i] = low[i] ? new double[] {2 + 0.5 * r.nextGaussian(), -1 + 0.1 * r.nextGaussian()}   // a flat cluster
                    : new double[] {8 * r.nextDouble() - 4, 8 * r.nextDouble() - 4};                   // spread around it
        }
        Hyperellipse e = Hyperellipse.fit(p, low, p, low);
        assertEquals(2, e.center()[0], 0.1);
        assertEquals(-1, e.center()[1], 0.02);
        assertEquals(5, e.radii()[0] / e.radii()[1], 0.6, "radii follow the cluster's standard deviations (0.5 vs 0.1)");
        int caught = 0;
        for (int i = 0; i < n; i += 2) {
            caught += e.lowError(p[i]) ? 1 : 0;
        }
        assertTrue(caught > 0.9 * n / 2, "the scale keeps most of the cluster inside: " + caught);
    }

    @Test
    void aSinglePointClusterIsATinyEllipseAroundIt() {
        double[][] p = {{1, 1}, {5, 5}};
        Hyperellipse e = Hyperellipse.fit(p, new boolean[] {true, false}, p, new boolean[] {true, false});
        assertArrayEquals(new boolean[] {true, false}, e.lowErrorAll(p));
    }

    @Test
    void noLowErrorPointIsAClearError() {
        double[][] p = {{1, 1}, {5, 5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hyperellipse.fit(p, new boolean[2], p, new boolean[2]));
        assertTrue(e.getMessage().contains("no low-error points"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hyperellipse.fit(new double[0][], new boolean[0], p, new boolean[2]));
    }
}
