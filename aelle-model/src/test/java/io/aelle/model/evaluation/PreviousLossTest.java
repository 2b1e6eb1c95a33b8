package io.aelle.model.evaluation;

import static io.aelle.model.evaluation.LossQuantilesTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreviousLossTest {

    @Test
    void eachCheckpointsChangeIsFromItsOwnRunsPreviousCheckpointWhateverTheRowOrder() {
        PreviousLoss p = PreviousLoss.of(List.of(row("a", 2, 1.0), row("b", 0, 9.0), row("a", 0, 2.5), row("a", 1, Double.NaN),
                row("a", 3, 0.75)));
        assertEquals(0, p.change(row("a", 0, 2.5)), "first checkpoint: no change");
        assertEquals(0, p.change(row("a", 1, Double.NaN)), "no loss: change 0");
        assertEquals(0, p.change(row("a", 2, 1.0)), "the previous checkpoint has no loss");
        assertEquals(-0.25, p.change(row("a", 3, 0.75)), 1e-12);
        assertEquals(0, p.change(row("b", 0, 9.0)));
        assertThrows(IllegalArgumentException.class, () -> p.change(row("c", 0, 1)));
    }
}
