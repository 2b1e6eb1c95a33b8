package io.aelle.producer.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.producer.data.SequenceSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The three tasks' data shapes and targets from the real files. */
class TasksTest {

    private static final Path DATA = Path.of(System.getProperty("aelle.shared.dir", "../shared")).resolve("data");

    @Test
    void smnistReadsImagesRowByRow() throws Exception {
        Task t = Tasks.create("smnist", DATA, 1);
        SequenceSet v = t.validationSet(3);
        assertEquals(28, v.steps());
        assertEquals(28, v.inputSize());
        assertEquals(7, v.classes()[0]); // first test label
        assertEquals(0.5, t.defaultLossThreshold());
        SequenceSet a = t.trainingSet(100, 9);
        SequenceSet b = t.trainingSet(100, 9);
        assertEquals(java.util.Arrays.hashCode(a.inputs()), java.util.Arrays.hashCode(b.inputs()), "subset is reproducible");
    }

    @Test
    void charRnnUsesTheBooksEightyTwoSymbolsAndNextCharacterTargets() throws Exception {
        Task t = Tasks.create("charrnn", DATA, 1);
        assertEquals(82, t.inputSize());
        SequenceSet s = t.trainingSet(2, 5);
        assertEquals(100, s.steps());
        int v = t.inputSize();
        // Target at step k is the input character at step k + 1.
        for (int k = 0; k < 99; k++) {
            int next = -1;
            for (int c = 0; c < v; c++) {
                if (s.inputs()[(k + 1) * v + c] == 1f) {
                    next = c;
                }
            }
            assertEquals(next, s.classes()[k]);
        }
        assertEquals(1.75, t.defaultLossThreshold());
    }

    @Test
    void sineTargetIsASumOfFourSinesBoundedByOne() {
        SineTask t = new SineTask(11);
        float[] f = t.target();
        double max = 0;
        for (float x : f) {
            max = Math.max(max, Math.abs(x));
        }
        assertTrue(max <= 1 && max > 0.2, "normalised target, max |f| = " + max);
        SequenceSet s = t.trainingSet(4, 1);
        assertEquals(f[17], s.values()[2 * 100 + 17]);
        assertEquals(0.2, t.defaultLossThreshold());
        assertThrows(IllegalArgumentException.class, () -> Tasks.create("mnist", DATA, 1));
    }
}
