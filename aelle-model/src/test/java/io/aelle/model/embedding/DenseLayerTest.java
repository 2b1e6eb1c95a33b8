package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Tensor;
import org.junit.jupiter.api.Test;

class DenseLayerTest {

    /** 2 outputs × 3 inputs, row-major like PyTorch. */
    private static final DenseLayer LAYER = new DenseLayer(new double[] {1, 2, 3, -1, 0, 0.5}, new double[] {0.5, -1}, 3, 2);

    @Test
    void appliesWeightsRowByRowPlusBias() {
        double[] x = {1, -1, 2};
        // row 0: 1 - 2 + 6 + 0.5 = 5.5; row 1: -1 + 0 + 1 - 1 = -1
        assertArrayEquals(new double[] {5.5, -1}, LAYER.apply(x, false), 0.0);
        assertArrayEquals(new double[] {Math.tanh(5.5), Math.tanh(-1)}, LAYER.apply(x, true), 0.0);
    }

    @Test
    void tensorsRoundTripWithPyTorchShapes() {
        Tensor w = LAYER.weightTensor("l.weight");
        Tensor b = LAYER.biasTensor("l.bias");
        assertArrayEquals(new int[] {2, 3}, w.shape());
        assertArrayEquals(new int[] {2}, b.shape());
        DenseLayer back = DenseLayer.of(w, b);
        assertEquals(3, back.in());
        assertEquals(2, back.out());
        assertArrayEquals(LAYER.apply(new double[] {0.1, 0.2, 0.3}, true), back.apply(new double[] {0.1, 0.2, 0.3}, true), 0.0);
    }

    @Test
    void mismatchedParametersAreNamed() {
        Tensor w = new Tensor("l.weight", new int[] {2, 3}, new double[6]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseLayer.of(w, new Tensor("l.bias", new int[] {3}, new double[3])));
        assertTrue(e.getMessage().contains("l.weight [2, 3]") && e.getMessage().contains("l.bias [3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseLayer.of(new Tensor("v", new int[] {6}, new double[6]),
                new Tensor("b", new int[] {6}, new double[6])), "a vector is not a weight matrix");
        assertThrows(IllegalArgumentException.class, () -> new DenseLayer(new double[5], new double[2], 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new DenseLayer(new double[6], new double[3], 3, 2));
    }
}
