package io.aelle.model.lyapunov.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackWeightsTest {

    /** A two-layer GRU (N = 2, I = 1) without biases, weights 0.1·k in file order. */
    private static Map<String, Tensor> gru() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        int[] k = {0};
        put(m, "rnn.weight_ih_l0", k, 6, 1);
        put(m, "rnn.weight_hh_l0", k, 6, 2);
        put(m, "rnn.weight_ih_l1", k, 6, 2);
        put(m, "rnn.weight_hh_l1", k, 6, 2);
        return m;
    }

    private static void put(Map<String, Tensor> m, String name, int[] k, int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.1 * ++k[0];
        }
        m.put(name, new Tensor(name, new int[] {rows, cols}, d));
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void ofNarrowsEveryLayerInPyTorchLayout() {
        Map<String, Tensor> t = gru();
        StackWeights w = StackWeights.of(RecurrentNetwork.fromTensors(t, "gru", "rnn."));
        assertEquals(Arch.GRU, w.arch());
        assertEquals(2, w.layers());
        assertEquals(2, w.hiddenSize());
        assertEquals(1, w.inputSize());
        assertEquals(4, w.stateSize());
        assertEquals("GRU/2/2/1", w.batchKey());
        assertArrayEquals(floats(t.get("rnn.weight_ih_l0").data()), w.weightIh()[0]);
        assertArrayEquals(floats(t.get("rnn.weight_hh_l1").data()), w.weightHh()[1]);
        assertArrayEquals(new float[6], w.biasIh()[1], "no biases: zeros");
        assertArrayEquals(new float[6], w.biasHh()[0]);
    }

    @Test
    void randomFollowsPyTorchsInitialisationAndItsSeed() {
        StackWeights a = StackWeights.random(Arch.LSTM, 2, 16, 3, 1.5, 9);
        assertArrayEquals(a.weightHh()[1], StackWeights.random(Arch.LSTM, 2, 16, 3, 1.5, 9).weightHh()[1], "same seed, same weights");
        assertNotEquals(a.weightHh()[1][0], StackWeights.random(Arch.LSTM, 2, 16, 3, 1.5, 10).weightHh()[1][0]);
        assertEquals(64 * 3, a.weightIh()[0].length);
        assertEquals(64 * 16, a.weightIh()[1].length, "upper layers read the layer below");
        assertEquals(64, a.biasHh()[1].length);
        double bound = 1.5 / Math.sqrt(16);
        float max = 0;
        for (float v : a.weightHh()[0]) {
            assertTrue(Math.abs(v) <= bound, v + " within U(-gain/sqrt(N), gain/sqrt(N))");
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.9 * bound, "and spread over it: " + max);
    }

    @Test
    void scaledMultipliesEveryWeightAndBias() {
        StackWeights a = StackWeights.random(Arch.RNN, 1, 4, 2, 1, 3);
        StackWeights b = a.scaled(-2);
        for (int i = 0; i < a.weightHh()[0].length; i++) {
            assertEquals(-2 * a.weightHh()[0][i], b.weightHh()[0][i]);
        }
        assertEquals(-2 * a.biasIh()[0][1], b.biasIh()[0][1]);
        assertEquals(-2 * a.weightIh()[0][0], b.weightIh()[0][0]);
        assertEquals(a.batchKey(), b.batchKey());
    }

    @Test
    void valuesFloat32CannotHoldAreNamed() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> StackWeights.toFloats(new double[] {1, Double.NaN}, "inputs"));
        assertTrue(nan.getMessage().startsWith("inputs holds a value not finite in float32 (NaN) at flat index 1"), nan.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> StackWeights.toFloats(new double[] {1e39}, "weight_hh_l0"));
        assertTrue(big.getMessage().contains("(1.0E39) at flat index 0"), "finite in float64 but not in float32: " + big.getMessage());
        assertArrayEquals(new float[] {Float.MAX_VALUE, 0f}, StackWeights.toFloats(new double[] {Float.MAX_VALUE, 1e-46}, "x"),
                "the largest float and an underflow to zero are fine");
    }
}
