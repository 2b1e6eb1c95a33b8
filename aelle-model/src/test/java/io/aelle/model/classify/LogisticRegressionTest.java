package io.aelle.model.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** Points drawn from a known model: P(low | x) = σ(1.5 x0 − 0.5 x1 + 0.3). */
    private static double[][] points(int n, Random r, boolean[] labels) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
            double prob = 1 / (1 + Math.exp(-(1.5 * p[i][0] - 0.5 * p[i][1] + 0.3)));
            labels[i] = r.nextDouble() < prob;
        }
        return p;
    }

    @Test
    void probabilityIsTheSigmoidOfTheLinearScore() {
        LogisticRegression m = new LogisticRegression(new double[] {2, -1}, 0.5, 0.6);
        double z = 2 * 0.3 - 1 * 0.2 + 0.5;
        assertEquals(1 / (1 + Math.exp(-z)), m.probability(new double[] {0.3, 0.2}), 1e-15);
        assertTrue(m.lowError(new double[] {0.3, 0.2}), "σ(0.9) = 0.71 >= 0.6");
        assertFalse(m.lowError(new double[] {0, 0.2}), "σ(0.3) = 0.57 < 0.6");
    }

    @Test
    void newtonRecoversTheGeneratingModel() {
        Random r = new Random(8);
        boolean[] y = new boolean[20_000];
        double[][] p = points(y.length, r, y);
        LogisticRegression m = LogisticRegression.fit(p, y, 1e-6, p, y);
        // standard errors are about 0.02 with 20 000 points
        assertEquals(1.5, m.weights()[0], 0.1);
        assertEquals(-0.5, m.weights()[1], 0.1);
        assertEquals(0.3, m.bias(), 0.1);
        assertTrue(m.cut() > 0 && m.cut() < 1);
    }

    @Test
    void aLargerPenaltyShrinksTheWeights() {
        Random r = new Random(9);
        boolean[] y = new boolean[500];
        double[][] p = points(y.length, r, y);
        double loose = Math.abs(LogisticRegression.fit(p, y, 1e-3, p, y).weights()[0]);
        double tight = Math.abs(LogisticRegression.fit(p, y, 500, p, y).weights()[0]);
        assertTrue(tight < 0.5 * loose, loose + " vs " + tight);
    }

    @Test
    void separableDataStaysFinite() {
        double[][] p = {{-2, 0}, {-1, 0}, {1, 0}, {2, 0}};
        boolean[] y = {false, false, true, true};
        LogisticRegression m = LogisticRegression.fit(p, y, 1e-3, p, y);
        assertTrue(Double.isFinite(m.weights()[0]) && Double.isFinite(m.bias()));
        assertEquals(4, java.util.stream.IntStream.range(0, 4).filter(i -> m.lowError(p[i]) == y[i]).count());
    }

    @Test
    void noPointsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[0][], new boolean[0], 1, new double[0][], new boolean[0]));
        assertTrue(e.getMessage().contains("no points"), e.getMessage());
    }
}
