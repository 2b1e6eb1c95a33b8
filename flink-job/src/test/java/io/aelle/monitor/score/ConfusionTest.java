package io.aelle.monitor.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfusionTest {

    @Test
    void scoresMatchAHandComputedTable() {
        // tp=6 fp=2 fn=3 tn=9: precision 6/8, recall 6/9, F1 = 12/17.
        Confusion c = new Confusion(6, 2, 3, 9);
        assertEquals(0.75, c.precision(), 1e-15);
        assertEquals(6.0 / 9, c.recall(), 1e-15);
        assertEquals(12.0 / 17, c.f1(), 1e-15);
        assertEquals(20, c.total());
    }

    @Test
    void f1IsTheHarmonicMeanOfPrecisionAndRecall() {
        Confusion c = new Confusion(5, 7, 11, 2);
        double p = c.precision();
        double r = c.recall();
        assertEquals(2 * p * r / (p + r), c.f1(), 1e-15);
    }

    @Test
    void emptyDenominatorsGiveZero() {
        Confusion none = new Confusion(0, 0, 4, 3);
        assertEquals(0.0, none.precision());
        assertEquals(0.0, none.recall());
        assertEquals(0.0, none.f1());
        assertEquals(0.0, new Confusion().f1());
    }

    @Test
    void addCountsEachCell() {
        Confusion c = new Confusion();
        for (Cell cell : new Cell[] {Cell.TP, Cell.TP, Cell.FP, Cell.FN, Cell.TN, Cell.TN, Cell.TN}) {
            c.add(cell);
        }
        assertEquals(new Confusion(2, 1, 1, 3), c);
        assertEquals(3, c.count(Cell.TN));
    }

    @Test
    void cellFollowsPredictionAndTruth() {
        assertEquals(Cell.TP, Cell.of(true, true));
        assertEquals(Cell.FP, Cell.of(true, false));
        assertEquals(Cell.FN, Cell.of(false, true));
        assertEquals(Cell.TN, Cell.of(false, false));
    }
}
