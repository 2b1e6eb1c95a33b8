package io.aelle.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.aelle.wire.checkpoint.Tensor;
import org.junit.jupiter.api.Test;

class NdArraysTest {

    @Test
    void keepsShapeAndValuesAtFloat32() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new double[] {1.0 / 3, -2, 0.5, 1e-3, 7, -1e30}, new Shape(2, 3));
            Tensor t = NdArrays.toTensor("encoder.0.weight", a);
            assertEquals("encoder.0.weight", t.name());
            assertArrayEquals(new int[] {2, 3}, t.shape());
            assertArrayEquals(new double[] {(float) (1.0 / 3), -2, 0.5, (float) 1e-3, 7, (float) -1e30}, t.data(), 0.0,
                    "float64 values narrowed to the checkpoint's float32, row-major");
            Tensor scalar = NdArrays.toTensor("s", m.create(2.5f));
            assertEquals(0, scalar.rank());
            assertArrayEquals(new double[] {2.5}, scalar.data(), 0.0);
        }
    }
}
