package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AlphaScheduleTest {

    @Test
    void alphaRisesStepwiseAtStageBoundaries() {
        AlphaSchedule s = AlphaSchedule.parse("5:3,10:2,20:1");
        assertEquals(6, s.totalEpochs());
        double[] expected = {5, 5, 5, 10, 10, 20, 20};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.alphaAt(e), "epoch " + e);
        }
        assertEquals("5.0:3,10.0:2,20.0:1", s.toString());
        assertEquals(s, AlphaSchedule.parse(s.toString()));
    }

    @Test
    void defaultFollowsThePapersSteps() {
        AlphaSchedule s = AlphaSchedule.defaults();
        assertEquals(4, s.stages().size());
        assertEquals(5, s.alphaAt(0));
        assertEquals(20, s.alphaAt(s.totalEpochs() - 1));
    }

    @Test
    void badTextIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> AlphaSchedule.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> AlphaSchedule.parse("x:3"));
        assertThrows(IllegalArgumentException.class, () -> AlphaSchedule.parse("5:0"));
    }
}
