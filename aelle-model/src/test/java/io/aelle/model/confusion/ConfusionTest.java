package io.aelle.model.confusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfusionTest {

    @Test
    void matchesAHandComputedTable() {
        //               tp    tp    fp     fn     tn    tn    tn    fn    tp
        boolean[] pred = {true, true, true, false, false, false, false, false, true};
        boolean[] real = {true, true, false, true, false, false, false, true, true};
        Confusion c = Confusion.of(pred, real);
        assertEquals(new Confusion(3, 1, 2, 3), c);
        assertEquals(3.0 / 5, c.recall(), 1e-15);
        assertEquals(3.0 / 4, c.precision(), 1e-15);
        assertEquals(2 * 0.75 * 0.6 / (0.75 + 0.6), c.f1(), 1e-15);   // = 6/9
        assertEquals(9, c.total());
    }

    @Test
    void noPositivesScoresZeroNotNaN() {
        Confusion c = Confusion.of(new boolean[] {false, false}, new boolean[] {true, false});
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.recall());
        assertEquals(0.0, c.f1());
    }
}
