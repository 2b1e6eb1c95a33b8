package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void shapeAccessors() {
        Tensor t = new Tensor("w", new int[] {2, 3}, new double[6]);
        assertEquals(2, t.rank());
        assertEquals(3, t.dim(1));
        assertEquals(6, t.size());
        assertEquals("[2, 3]", t.shapeString());
        assertEquals("Tensor[w [2, 3]]", t.toString());
        Tensor scalar = new Tensor("s", new int[0], new double[] {4});
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals(0, new Tensor("e", new int[] {3, 0}, new double[0]).size());
    }

    @Test
    void theShapeMustHoldExactlyTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tensor("w", new int[] {2, 3}, new double[5]));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("holds 6 values but 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tensor("w", new int[] {-2, -3}, new double[6]), "negative dims");
    }

    @Test
    void aShapeWhoseProductOverflowsIsRefusedNotWrapped() {
        // 2^30 * 2^30 * 16 = 2^64 wraps to 0 in a long: it must not pass for an empty tensor
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor("huge", new int[] {1 << 30, 1 << 30, 16}, new double[0]));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void equalityComparesNameShapeAndValues() {
        Tensor a = new Tensor("w", new int[] {2}, new double[] {1, 2});
        assertEquals(a, new Tensor("w", new int[] {2}, new double[] {1, 2}));
        assertEquals(a.hashCode(), new Tensor("w", new int[] {2}, new double[] {1, 2}).hashCode());
        assertNotEquals(a, new Tensor("w", new int[] {2}, new double[] {1, 3}));
        assertNotEquals(a, new Tensor("v", new int[] {2}, new double[] {1, 2}));
        assertNotEquals(a, new Tensor("w", new int[] {1, 2}, new double[] {1, 2}));
    }
}
