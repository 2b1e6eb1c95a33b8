package io.aelle.model.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.confusion.Confusion;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassifiersTest {

    /** Low-error points around (3, 0) inside radius 1; high-error points on a ring of radius 3–4 around it. */
    static double[][] ring(int n, long seed, boolean[] labels) {
        Random r = new Random(seed);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            boolean low = i % 3 == 0;
            labels[i] = low;
            double rad = low ? r.nextDouble() : 3 + r.nextDouble();
            double ang = 2 * Math.PI * r.nextDouble();
            p[i] = new double[] {3 + rad * Math.cos(ang), rad * Math.sin(ang)};
        }
        return p;
    }

    /** Low-error points have PC1 < 0, others PC1 > 1. */
    static double[][] halves(int n, long seed, boolean[] labels) {
        Random r = new Random(seed);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2 == 0;
            p[i] = new double[] {labels[i] ? -r.nextDouble() - 0.01 : 1 + r.nextDouble(), r.nextGaussian()};
        }
        return p;
    }

    @Test
    void pc1ThresholdSeparatesHalves() {
        boolean[] y = new boolean[100];
        double[][] p = halves(100, 1, y);
        Pc1Threshold c = Pc1Threshold.fit(p, y);
        assertTrue(c.lowBelow());
        assertTrue(c.threshold() > -0.01 && c.threshold() < 1);
        assertEquals(1.0, Confusion.of(c.lowErrorAll(p), y).f1());
        boolean[] yt = new boolean[60];
        double[][] pt = halves(60, 2, yt);
        assertEquals(1.0, Confusion.of(c.lowErrorAll(pt), yt).f1());
    }

    @Test
    void hyperellipseEnclosesTheCluster() {
        boolean[] y = new boolean[150];
        double[][] p = ring(150, 3, y);
        boolean[] yv = new boolean[90];
        double[][] pv = ring(90, 4, yv);
        Hyperellipse c = Hyperellipse.fit(p, y, pv, yv);
        assertEquals(3.0, c.center()[0], 0.3);
        assertEquals(1.0, Confusion.of(c.lowErrorAll(pv), yv).f1());
        // a threshold on PC1 cannot separate a ring from its centre
        assertTrue(Confusion.of(Pc1Threshold.fit(pv, yv).lowErrorAll(pv), yv).f1() < 1.0);
    }

    @Test
    void logisticRegressionSeparatesHalves() {
        boolean[] y = new boolean[100];
        double[][] p = halves(100, 5, y);
        LogisticRegression c = LogisticRegression.fit(p, y, 1e-3, p, y);
        assertTrue(c.weights()[0] < 0, "low error lies at small PC1");
        boolean[] yt = new boolean[60];
        double[][] pt = halves(60, 6, yt);
        assertEquals(1.0, Confusion.of(c.lowErrorAll(pt), yt).f1());
        assertTrue(c.probability(new double[] {-1, 0}) > 0.9 && c.probability(new double[] {2, 0}) < 0.1);
    }

    @Test
    void choiceKeepsTheBestOnValidationAndRoundTripsThroughJson() throws Exception {
        boolean[] y = new boolean[150];
        double[][] p = ring(150, 7, y);
        boolean[] yv = new boolean[90];
        double[][] pv = ring(90, 8, yv);
        ClassifierChoice choice = ClassifierChoice.choose(p, y, pv, yv);
        assertEquals(Hyperellipse.NAME, choice.best().name());
        assertEquals(3, choice.validationF1().size());
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(choice.best());
        assertTrue(text.contains("\"type\":\"hyperellipse\""), text);
        PlaneClassifier back = json.readValue(text, PlaneClassifier.class);
        assertArrayEquals(choice.best().lowErrorAll(pv), back.lowErrorAll(pv));
    }
}
