package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aelle.model.dataset.DatasetRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossQuantilesTest {

    static DatasetRow row(String run, int epoch, double valLoss) {
        return new DatasetRow(run, "{}", epoch, 4, valLoss, 1.0, 1, new double[] {-1});
    }

    @Test
    void quantilesAndRanksArePerFractionAndAFractionWithoutTrainingRowsUsesTheOneBefore() {
        LossQuantiles q = LossQuantiles.of(List.of(row("a", 0, 4), row("b", 0, 1), row("c", 0, 3), row("d", 0, 2),
                row("a", 2, 0.4), row("b", 2, 0.1), row("c", 2, Double.NaN)));
        assertEquals(2.5, q.quantile(0, 0.5), 1e-12);
        assertEquals(1.0, q.quantile(0, 0), 1e-12);
        assertEquals(4.0, q.quantile(0, 1), 1e-12);
        assertEquals(0.25, q.quantile(0.5, 0.5), 1e-12, "the NaN loss is left out");
        assertEquals(2.5, q.quantile(0.25, 0.5), 1e-12, "25% has no rows: the 0% ones stand in");
        assertEquals(0.5, q.rank(0, 2), 1e-12, "two of four at or below 2");
        assertEquals(0.0, q.rank(0, 0.5), 1e-12);
        assertEquals(1.0, q.rank(0.9, 7), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LossQuantiles.of(List.of(row("a", 0, Double.NaN))));
    }
}
