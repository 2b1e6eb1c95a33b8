package io.aelle.monitor.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.model.confusion.Confusion;
import org.junit.jupiter.api.Test;

class ConfusionCountsTest {

    @Test
    void addCountsEachCell() {
        ConfusionCounts c = new ConfusionCounts();
        for (Cell cell : new Cell[] {Cell.TP, Cell.TP, Cell.FP, Cell.FN, Cell.TN, Cell.TN, Cell.TN}) {
            c.add(cell);
        }
        assertEquals(new ConfusionCounts(2, 1, 1, 3), c);
        assertEquals(3, c.count(Cell.TN));
        assertEquals(new Confusion(2, 1, 1, 3), c.table());
    }

    @Test
    void scoresMatchAHandComputedTable() {
        // tp=6 fp=2 fn=3 tn=9: precision 6/8, recall 6/9, F1 = 12/17.
        Confusion t = new ConfusionCounts(6, 2, 3, 9).table();
        assertEquals(0.75, t.precision(), 1e-15);
        assertEquals(6.0 / 9, t.recall(), 1e-15);
        assertEquals(12.0 / 17, t.f1(), 1e-15);
    }

    @Test
    void copyIsIndependent() {
        ConfusionCounts a = new ConfusionCounts(1, 2, 3, 4);
        ConfusionCounts b = a.copy().add(Cell.TP);
        assertEquals(1, a.tp);
        assertEquals(2, b.tp);
    }

    @Test
    void cellFollowsPredictionAndTruth() {
        assertEquals(Cell.TP, Cell.of(true, true));
        assertEquals(Cell.FP, Cell.of(true, false));
        assertEquals(Cell.FN, Cell.of(false, true));
        assertEquals(Cell.TN, Cell.of(false, false));
    }
}
