package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import org.junit.jupiter.api.Test;

class LossThresholdBaselineTest {

    private static DatasetRow at(double valLoss, double finalLoss) {
        return new DatasetRow("r", "{}", 1, 4, valLoss, finalLoss, 1, new double[] {-1});
    }

    @Test
    void saysLowErrorWhenTheCurrentValidationLossIsAlreadyBelowTheThreshold() {
        LossThresholdBaseline b = new LossThresholdBaseline(0.2);
        assertTrue(b.lowError(at(0.19, 0.9)), "the final loss plays no part");
        assertFalse(b.lowError(at(0.2, 0.01)));
        assertFalse(b.lowError(at(Double.NaN, 0.01)), "no validation loss recorded: no verdict of low error");
        assertFalse(b.lowError(at(Double.NEGATIVE_INFINITY, 0.01)), "a non-finite loss is no evidence either");
        assertTrue(LossThresholdBaseline.lowError(0.19, 0.2), "the live job's loss baseline applies the same rule");
        assertFalse(LossThresholdBaseline.lowError(Double.NaN, 0.2));
        assertEquals("loss-threshold", b.name());
        assertEquals("val_loss < threshold", b.classifier());
    }
}
