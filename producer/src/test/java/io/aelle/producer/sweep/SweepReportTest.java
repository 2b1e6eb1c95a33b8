package io.aelle.producer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.producer.train.RunTrainer;
import io.aelle.producer.train.Variant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepReportTest {

    private static List<RunTrainer.Result> results(double... losses) {
        List<RunTrainer.Result> out = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            out.add(new RunTrainer.Result("s-r" + i, new Variant(Arch.LSTM, 64, 2.0, 1e-3, i), losses[i], 6, false));
        }
        return out;
    }

    @Test
    void keepsTheConfiguredThresholdWhenBothClassesArePopulated() {
        SweepReport r = SweepReport.of("s", results(0.3, 0.4, 1.2, 2.3), 0.5, false, 1, 1);
        assertFalse(r.thresholdAdjusted());
        assertEquals(0.5, r.threshold());
        assertEquals(2, r.lowErrorCount());
    }

    @Test
    void movesToTheMedianWhenAlmostNoneFallBelowAndSaysSo() {
        SweepReport r = SweepReport.of("s", results(1.0, 2.0, 3.0, Double.NaN, 4.0), 0.5, false, 1, 1);
        assertTrue(r.thresholdAdjusted());
        assertEquals(2.5, r.threshold()); // median of the finite losses
        assertTrue(r.table().contains("the median final loss"), r.table());
    }

    @Test
    void aThresholdTheUserFixedIsKept() {
        SweepReport r = SweepReport.of("s", results(1.0, 2.0, 3.0), 0.5, true, 1, 1);
        assertFalse(r.thresholdAdjusted());
        assertEquals(0, r.lowErrorCount());
    }

    @Test
    void aMedianStudyUsesTheMedianEvenWhenBothClassesArePopulated() {
        SweepReport r = SweepReport.of("s", results(0.3, 0.4, 1.2, 2.3), 0.5, false, true, 1, 1);
        assertTrue(r.thresholdAdjusted());
        assertEquals(0.8, r.threshold(), 1e-12);
        assertEquals(2, r.lowErrorCount());
    }
}
