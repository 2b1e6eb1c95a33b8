package io.aelle.model.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcaTest {

    /**
     * Hand-computed: points (2,0), (0,2), (−2,0), (0,−2), (1,1), (−1,−1) have mean 0 and covariance
     * [[2, 0.4], [0.4, 2]] · 5/5 → eigenvectors (1,1)/√2 (eigenvalue 2.4) and (1,−1)/√2 (eigenvalue 1.6).
     */
    @Test
    void matchesAHandComputedCase() {
        double[][] x = {{2, 0}, {0, 2}, {-2, 0}, {0, -2}, {1, 1}, {-1, -1}};
        Pca p = Pca.fit(x, 2);
        double r = 1 / Math.sqrt(2);
        assertArrayEquals(new double[] {0, 0}, p.mean(), 1e-12);
        assertArrayEquals(new double[] {r, r}, p.components()[0], 1e-12);
        // second component sign rule: its largest-magnitude entry positive (a tie resolves to the first)
        assertEquals(1.0, Math.abs(p.components()[1][0] - p.components()[1][1]) / Math.sqrt(2), 1e-12);
        assertEquals(0.0, p.components()[1][0] + p.components()[1][1], 1e-12);
        // variances: Σ (x·v)² / (n−1): along (1,1)/√2: (2+2+2+2+2+2)/5 = 2.4; along (1,−1)/√2: (2+2+2+2+0+0)/5 = 1.6
        assertArrayEquals(new double[] {2.4, 1.6}, p.explainedVariance(), 1e-12);
        assertArrayEquals(new double[] {2 * r * 2, 0}, p.project(new double[] {2, 2}), 1e-12);
    }

    @Test
    void centresOnTheMeanAndSignIsStable() {
        double[][] x = {{11, 5}, {13, 5}, {12, 5.1}, {12, 4.9}};
        Pca p = Pca.fit(x, 1);
        assertArrayEquals(new double[] {12, 5}, p.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 0}, p.components()[0], 1e-9);
        double[][] flipped = {{13, 5}, {11, 5}, {12, 4.9}, {12, 5.1}};
        assertArrayEquals(p.components()[0], Pca.fit(flipped, 1).components()[0], 1e-12);
    }
}
