package io.aelle.model.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.confusion.Confusion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierChoiceTest {

    /** Low error on the right half: a PC1 threshold is perfect, an ellipse around the cluster is not. */
    private static final double[][] P = {{-3, 0}, {-2, 1}, {-1, -1}, {1, 2}, {2, -2}, {3, 0}, {4, 1}};
    private static final boolean[] Y = {false, false, false, true, true, true, true};

    @Test
    void keepsTheBestValidationF1AndReportsEveryCandidate() {
        ClassifierChoice c = ClassifierChoice.choose(P, Y, P, Y);
        assertEquals(ClassifierChoice.NAMES, List.copyOf(c.validationF1().keySet()), "every candidate, in order");
        assertEquals(1.0, c.validationF1().get(Pc1Threshold.NAME));
        double best = c.validationF1().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, c.validation().f1());
        assertEquals(Pc1Threshold.NAME, c.best().name(), "the first of equal scores wins");
        assertEquals(Confusion.of(c.best().lowErrorAll(P), Y), c.validation());
    }

    @Test
    void onlyTheNamedKindsAreTried() {
        ClassifierChoice c = ClassifierChoice.choose(P, Y, P, Y, List.of(Hyperellipse.NAME));
        assertEquals(Hyperellipse.NAME, c.best().name());
        assertEquals(List.of(Hyperellipse.NAME), List.copyOf(c.validationF1().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassifierChoice.choose(P, Y, P, Y, List.of("svm")));
        assertTrue(e.getMessage().contains("'svm'"), e.getMessage());
    }

    @Test
    void withoutLowErrorTrainingPointsTheEllipseIsSkippedOrTheChoiceFailsClearly() {
        boolean[] none = new boolean[P.length];
        ClassifierChoice c = ClassifierChoice.choose(P, none, P, Y);
        assertTrue(!c.validationF1().containsKey(Hyperellipse.NAME), c.validationF1().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifierChoice.choose(P, none, P, Y, List.of(Hyperellipse.NAME)));
        assertTrue(e.getMessage().contains("can be fitted"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassifierChoice.choose(P, Y, P, Y, List.of()));
    }
}
