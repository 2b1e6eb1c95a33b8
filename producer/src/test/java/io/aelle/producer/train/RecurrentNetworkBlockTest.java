package io.aelle.producer.train;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.wire.checkpoint.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export layout: the project's own forward pass ({@link RecurrentNetwork}, what the spectrum engine runs) on
 * the exported tensors reproduces the hidden states DJL computes while training, to 1e-5, for every architecture;
 * names and shapes are PyTorch's.
 */
class RecurrentNetworkBlockTest {

    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    private static final int B = 3;
    private static final int T = 9;
    private static final int I = 5;
    private static final int H = 6;
    private static final int O = 4;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void exportedTensorsReproduceDjlHiddenStates(Arch arch) {
        RecurrentNetworkBlock block = new RecurrentNetworkBlock(arch, I, H, O, false, 0.9, 42);
        try (Model model = Model.newInstance("layout-" + arch, Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(B, T, I));
            // Non-zero biases so each gate block's bias placement is exercised too.
            Random rnd = new Random(7);
            for (Parameter p : block.getParameters().values()) {
                if (p.getType() == Parameter.Type.BIAS) {
                    float[] v = new float[(int) p.getArray().getShape().size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = (float) rnd.nextGaussian() * 0.5f;
                    }
                    p.getArray().set(v);
                }
            }
            float[] x = new float[B * T * I];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) rnd.nextGaussian();
            }
            NDArray input = model.getNDManager().create(x, new Shape(B, T, I));
            float[] djl = block.hiddenStates(input).toFloatArray();

            Map<String, Tensor> exported = block.export();
            assertEquals(List.of("rnn_layer.weight_ih_l0", "rnn_layer.weight_hh_l0", "rnn_layer.bias_ih_l0", "rnn_layer.bias_hh_l0",
                    "fc.weight", "fc.bias"), List.copyOf(exported.keySet()));
            int g = arch.gates();
            assertArrayEquals(new int[] {g * H, I}, exported.get("rnn_layer.weight_ih_l0").shape());
            assertArrayEquals(new int[] {g * H, H}, exported.get("rnn_layer.weight_hh_l0").shape());
            assertArrayEquals(new int[] {g * H}, exported.get("rnn_layer.bias_ih_l0").shape());
            assertArrayEquals(new int[] {g * H}, exported.get("rnn_layer.bias_hh_l0").shape());
            assertArrayEquals(new int[] {O, H}, exported.get("fc.weight").shape());
            assertArrayEquals(new int[] {O}, exported.get("fc.bias").shape());

            RecurrentNetwork net = RecurrentNetwork.fromTensors(exported, arch.id(), RecurrentNetworkBlock.LAYER_PREFIX);
            double worst = 0;
            for (int b = 0; b < B; b++) {
                double[][] seq = new double[T][I];
                for (int t = 0; t < T; t++) {
                    for (int i = 0; i < I; i++) {
                        seq[t][i] = x[(b * T + t) * I + i];
                    }
                }
                double[][] h = net.hiddenStates(seq);
                for (int t = 0; t < T; t++) {
                    for (int j = 0; j < H; j++) {
                        worst = Math.max(worst, Math.abs(h[t][j] - djl[(b * T + t) * H + j]));
                    }
                }
            }
            assertTrue(worst <= 1e-5, arch + ": largest difference " + worst);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void initialisationFollowsTheDocumentedRanges(Arch arch) {
        double p = 1.7;
        RecurrentNetworkBlock block = new RecurrentNetworkBlock(arch, I, 50, O, true, p, 3);
        try (Model model = Model.newInstance("init-" + arch, Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, T, I));
            Map<String, Tensor> t = block.export();
            double[] hh = t.get("rnn_layer.weight_hh_l0").data();
            double maxAbs = java.util.Arrays.stream(hh).map(Math::abs).max().orElseThrow();
            assertTrue(maxAbs <= p && maxAbs > 0.95 * p, "recurrent weights span U(-p, p): max |w| = " + maxAbs);
            double inScale = 1 / Math.sqrt(50);
            assertTrue(java.util.Arrays.stream(t.get("rnn_layer.weight_ih_l0").data()).allMatch(v -> Math.abs(v) <= inScale));
            assertTrue(java.util.Arrays.stream(t.get("rnn_layer.bias_hh_l0").data()).allMatch(v -> v == 0));
            // Same seed, same initial weights (runs are reproducible whatever thread they train on).
            RecurrentNetworkBlock again = new RecurrentNetworkBlock(arch, I, 50, O, true, p, 3);
            try (Model m2 = Model.newInstance("init2-" + arch, Device.cpu(), "PyTorch")) {
                m2.setBlock(again);
                again.initialize(m2.getNDManager(), DataType.FLOAT32, new Shape(1, T, I));
                assertArrayEquals(hh, again.export().get("rnn_layer.weight_hh_l0").data());
            }
        }
    }
}
