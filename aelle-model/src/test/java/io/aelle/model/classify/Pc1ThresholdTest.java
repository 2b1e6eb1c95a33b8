package io.aelle.model.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class Pc1ThresholdTest {

    private static double[][] onPc1(double... x) {
        double[][] p = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            p[i] = new double[] {x[i], 100 * i};   // PC2 is noise the classifier must ignore
        }
        return p;
    }

    @Test
    void lowErrorIsStrictlyOnOneSide() {
        Pc1Threshold below = new Pc1Threshold(0.5, true);
        assertTrue(below.lowError(new double[] {0.49, 9}));
        assertFalse(below.lowError(new double[] {0.5, 9}));
        Pc1Threshold above = new Pc1Threshold(0.5, false);
        assertTrue(above.lowError(new double[] {0.51, -9}));
        assertFalse(above.lowError(new double[] {0.5, -9}));
    }

    @Test
    void fitPutsTheThresholdMidwayBetweenSeparatedClassesOnTheRightSide() {
        double[][] p = onPc1(-3, -2, -1.5, 1, 2, 4);
        Pc1Threshold low = Pc1Threshold.fit(p, new boolean[] {false, false, false, true, true, true});
        assertEquals(new Pc1Threshold(-0.25, false), low, "midpoint of -1.5 and 1, low error above");
        Pc1Threshold high = Pc1Threshold.fit(p, new boolean[] {true, true, true, false, false, false});
        assertEquals(new Pc1Threshold(-0.25, true), high);
    }

    @Test
    void fitMaximisesF1WhenClassesOverlap() {
        // low: 1, 2, 3, 5; high: 4, 6, 7. Best: everything below 5.5 (tp 4, fp 1, F1 8/9) beats below 3.5 (tp 3, fn 1, F1 6/7)
        double[][] p = onPc1(1, 2, 3, 4, 5, 6, 7);
        Pc1Threshold c = Pc1Threshold.fit(p, new boolean[] {true, true, true, false, true, false, false});
        assertEquals(new Pc1Threshold(5.5, true), c);
    }

    @Test
    void oneClassOnlyStillGivesAClassifier() {
        double[][] p = onPc1(1, 2, 3);
        assertArrayEquals(new boolean[] {true, true, true}, Pc1Threshold.fit(p, new boolean[] {true, true, true}).lowErrorAll(p),
                "all low: everything is low");
        assertArrayEquals(new boolean[] {false, false, false}, Pc1Threshold.fit(p, new boolean[3]).lowErrorAll(p),
                "none low: nothing is");
    }

    @Test
    void noPointsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pc1Threshold.fit(new double[0][], new boolean[0]));
        assertTrue(e.getMessage().contains("no points"), e.getMessage());
    }

    @Test
    void jsonFormOfTheBundle() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(new Pc1Threshold(0.25, true));
        assertEquals("{\"type\":\"pc1-threshold\",\"threshold\":0.25,\"low_below\":true}", text);
        assertEquals(new Pc1Threshold(0.25, true), json.readValue(text, PlaneClassifier.class));
    }
}
