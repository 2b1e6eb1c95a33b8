package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossMedianBaselineTest {

    private static DatasetRow row(String run, int epoch, double valLoss, double finalLoss) {
        return new DatasetRow(run, "{}", epoch, 4, valLoss, finalLoss, 1, new double[] {-1});
    }

    @Test
    void aRunIsLowErrorWhenItsLossIsAtOrBelowTheTrainingQuantileOfItsFractionQBeingTheLowErrorShare() {
        // 4 training runs, 1 low error: q = 0.25; at epoch 1 the losses 1, 2, 3, 4 have 0.25-quantile 1.75
        List<DatasetRow> train = List.of(row("a", 1, 1, 0.1), row("b", 1, 2, 0.9), row("c", 1, 3, 0.9), row("d", 1, 4, 0.9),
                row("a", 0, 10, 0.1), row("b", 0, 10, 0.9), row("c", 0, 10, 0.9), row("d", 0, 10, 0.9));
        LossMedianBaseline b = LossMedianBaseline.fit(train, 0.5);
        assertEquals(0.25, b.q(), 1e-12);
        assertTrue(b.lowError(row("x", 1, 1.75, 9)), "at the quantile: low error, as MedianPruner keeps a trial at the median");
        assertFalse(b.lowError(row("x", 1, 1.76, 0)));
        assertTrue(b.lowError(row("x", 0, 10, 9)), "at epoch 0 every training loss is 10");
        assertFalse(b.lowError(row("x", 1, Double.NaN, 0)), "no loss: no verdict of low error");
        assertEquals("loss-median", b.name());
    }
}
