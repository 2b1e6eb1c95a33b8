package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecurrentNetworkTest {

    static Stream<Arguments> cells() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Arch a : Arch.values()) {
            for (boolean bias : new boolean[] {false, true}) {
                for (int layers : new int[] {1, 2}) {
                    b.add(Arguments.of(a, bias, layers));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} bias={1} layers={2}")
    @MethodSource("cells")
    void jacobianMatchesCentralFiniteDifferences(Arch arch, boolean bias, int layers) {
        int n = 7;
        int in = 3;
        RecurrentNetwork net = RandomNetworks.network(arch, layers, n, in, bias, 0.9, 11 + layers);
        int s = net.stateSize();
        SplittableRandom rnd = new SplittableRandom(5);
        double[] h = new double[s];
        double[] c = new double[s];
        double[] x = new double[in];
        for (int i = 0; i < s; i++) {
            h[i] = rnd.nextDouble(-0.9, 0.9);
            c[i] = rnd.nextDouble(-1.5, 1.5);
        }
        for (int i = 0; i < in; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        RecurrentNetwork.State st = net.newState();
        st.load(h, c);
        st.advance(x, 0);
        double[] j = new double[s * s];
        st.jacobian(j);

        double eps = 1e-5;
        double[] plus = new double[s];
        double[] minus = new double[s];
        double maxAbs = 0;
        for (int col = 0; col < s; col++) {
            double[] hp = h.clone();
            hp[col] += eps;
            st.load(hp, c);
            st.advance(x, 0);
            st.hidden(plus);
            double[] hm = h.clone();
            hm[col] -= eps;
            st.load(hm, c);
            st.advance(x, 0);
            st.hidden(minus);
            for (int row = 0; row < s; row++) {
                double fd = (plus[row] - minus[row]) / (2 * eps);
                assertEquals(fd, j[row * s + col], 1e-8, "J[" + row + "," + col + "]");
                maxAbs = Math.max(maxAbs, Math.abs(fd));
            }
        }
        assertTrue(maxAbs > 1e-2, "the Jacobian must not be trivially zero");
        if (layers == 2) {
            for (int row = 0; row < n; row++) {
                for (int col = n; col < s; col++) {
                    assertEquals(0.0, j[row * s + col], "layer 0 cannot depend on layer 1's h");
                }
            }
        }
    }

    @Test
    void forwardPassMatchesHandComputedTanhRnn() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight_ih_l0", new Tensor("weight_ih_l0", new int[] {2, 1}, new double[] {0.5, -1.0}));
        m.put("weight_hh_l0", new Tensor("weight_hh_l0", new int[] {2, 2}, new double[] {0.1, 0.2, 0.3, 0.4}));
        m.put("bias_ih_l0", new Tensor("bias_ih_l0", new int[] {2}, new double[] {0.01, 0.02}));
        m.put("bias_hh_l0", new Tensor("bias_hh_l0", new int[] {2}, new double[] {0.03, -0.04}));
        RecurrentNetwork net = RecurrentNetwork.fromTensors(m, null, null);
        assertEquals(Arch.RNN, net.arch());
        assertEquals("", net.layerPrefix());
        double[][] h = net.hiddenStates(new double[][] {{1.0}, {-2.0}});
        double h10 = Math.tanh(0.5 + 0.04);
        double h11 = Math.tanh(-1.0 - 0.02);
        assertArrayEquals(new double[] {h10, h11}, h[0], 1e-15);
        double h20 = Math.tanh(-1.0 + 0.04 + 0.1 * h10 + 0.2 * h11);
        double h21 = Math.tanh(2.0 - 0.02 + 0.3 * h10 + 0.4 * h11);
        assertArrayEquals(new double[] {h20, h21}, h[1], 1e-15);
    }

    @Test
    void forwardPassMatchesHandComputedLstmAndGru() {
        // One unit, one input: every gate a scalar, PyTorch's equations written out.
        double[] wi = {0.3, -0.2, 0.5, 0.7};
        double[] wh = {0.1, 0.4, -0.6, 0.2};
        Map<String, Tensor> lstm = new LinkedHashMap<>();
        lstm.put("l.weight_ih_l0", new Tensor("l.weight_ih_l0", new int[] {4, 1}, wi));
        lstm.put("l.weight_hh_l0", new Tensor("l.weight_hh_l0", new int[] {4, 1}, wh));
        RecurrentNetwork net = RecurrentNetwork.fromTensors(lstm, "lstm", "l.");
        double h = 0;
        double c = 0;
        double[][] xs = {{0.9}, {-0.4}, {0.2}};
        double[][] got = net.hiddenStates(xs);
        for (int t = 0; t < xs.length; t++) {
            double x = xs[t][0];
            double i = sig(wi[0] * x + wh[0] * h);
            double f = sig(wi[1] * x + wh[1] * h);
            double g = Math.tanh(wi[2] * x + wh[2] * h);
            double o = sig(wi[3] * x + wh[3] * h);
            c = f * c + i * g;
            h = o * Math.tanh(c);
            assertEquals(h, got[t][0], 1e-15);
        }
        Map<String, Tensor> gru = new LinkedHashMap<>();
        double[] gi = {0.3, -0.2, 0.5};
        double[] gh = {0.1, 0.4, -0.6};
        double[] bi = {0.05, 0.1, -0.1};
        double[] bh = {-0.02, 0.03, 0.2};
        gru.put("weight_ih_l0", new Tensor("weight_ih_l0", new int[] {3, 1}, gi));
        gru.put("weight_hh_l0", new Tensor("weight_hh_l0", new int[] {3, 1}, gh));
        gru.put("bias_ih_l0", new Tensor("bias_ih_l0", new int[] {3}, bi));
        gru.put("bias_hh_l0", new Tensor("bias_hh_l0", new int[] {3}, bh));
        RecurrentNetwork g = RecurrentNetwork.fromTensors(gru, null, null);
        assertEquals(Arch.GRU, g.arch());
        got = g.hiddenStates(xs);
        h = 0;
        for (int t = 0; t < xs.length; t++) {
            double x = xs[t][0];
            double r = sig(gi[0] * x + bi[0] + gh[0] * h + bh[0]);
            double z = sig(gi[1] * x + bi[1] + gh[1] * h + bh[1]);
            double nn = Math.tanh(gi[2] * x + bi[2] + r * (gh[2] * h + bh[2]));
            h = (1 - z) * nn + z * h;
            assertEquals(h, got[t][0], 1e-15);
        }
    }

    private static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void infersShapesLayersAndBias() {
        RecurrentNetwork net = RandomNetworks.network(Arch.GRU, 3, 5, 4, true, 0.5, 1);
        assertEquals(Arch.GRU, net.arch());
        assertEquals(3, net.layers());
        assertEquals(5, net.hiddenSize());
        assertEquals(4, net.inputSize());
        assertEquals(15, net.stateSize());
        assertTrue(net.hasBias());
        assertEquals("rnn_layer.", net.layerPrefix());
        assertEquals(2, net.hiddenStates(new double[2][4]).length);
    }

    @Test
    void rejectsAmbiguousMissingInconsistentAndNonFiniteTensors() {
        Map<String, Tensor> ok = RandomNetworks.tensors(Arch.LSTM, 2, 4, 3, true, 0.5, 2);

        Map<String, Tensor> twoPrefixes = new LinkedHashMap<>(ok);
        twoPrefixes.put("other.weight_hh_l0", ok.get("rnn_layer.weight_hh_l0"));
        assertMessage(twoPrefixes, null, null, "ambiguous");
        assertEquals(Arch.LSTM, RecurrentNetwork.fromTensors(twoPrefixes, null, "rnn_layer.").arch());

        assertMessage(Map.of("fc.weight", ok.get("fc.weight")), null, null, "no recurrent layer");
        assertMessage(ok, "gru", null, "declared as gru");
        assertMessage(ok, "transformer", null, "unknown architecture");

        Map<String, Tensor> badRows = new LinkedHashMap<>(ok);
        badRows.put("rnn_layer.weight_hh_l0", new Tensor("rnn_layer.weight_hh_l0", new int[] {8, 4}, new double[32]));
        assertMessage(badRows, null, null, "g = 1 (rnn), 3 (gru) or 4 (lstm)");

        Map<String, Tensor> noIh = new LinkedHashMap<>(ok);
        noIh.remove("rnn_layer.weight_ih_l1");
        assertMessage(noIh, null, null, "rnn_layer.weight_ih_l1' is missing");

        Map<String, Tensor> halfBias = new LinkedHashMap<>(ok);
        halfBias.remove("rnn_layer.bias_hh_l1");
        assertMessage(halfBias, null, null, "both be present or both absent");

        Map<String, Tensor> gap = new LinkedHashMap<>(ok);
        gap.put("rnn_layer.weight_ih_l3", ok.get("rnn_layer.weight_ih_l1"));
        assertMessage(gap, null, null, "without gaps");

        Map<String, Tensor> wrongWidth = new LinkedHashMap<>(ok);
        wrongWidth.put("rnn_layer.weight_ih_l1", new Tensor("rnn_layer.weight_ih_l1", new int[] {16, 3}, new double[48]));
        assertMessage(wrongWidth, null, null, "weight_ih_l1' has shape [16, 3]");

        Map<String, Tensor> nan = new LinkedHashMap<>(ok);
        double[] d = ok.get("rnn_layer.weight_hh_l1").data().clone();
        d[5] = Double.NaN;
        nan.put("rnn_layer.weight_hh_l1", new Tensor("rnn_layer.weight_hh_l1", new int[] {16, 4}, d));
        assertMessage(nan, null, null, "non-finite value (NaN)");

        Map<String, Tensor> inf = new LinkedHashMap<>(ok);
        double[] b = ok.get("rnn_layer.bias_ih_l0").data().clone();
        b[0] = Double.POSITIVE_INFINITY;
        inf.put("rnn_layer.bias_ih_l0", new Tensor("rnn_layer.bias_ih_l0", new int[] {16}, b));
        assertMessage(inf, null, null, "'rnn_layer.bias_ih_l0' holds a non-finite value");

        Map<String, Tensor> bidir = new LinkedHashMap<>(ok);
        bidir.put("rnn_layer.weight_hh_l0_reverse", ok.get("rnn_layer.weight_hh_l0"));
        assertMessage(bidir, null, null, "bidirectional");

        RecurrentNetwork net = RecurrentNetwork.fromTensors(ok, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.hiddenStates(new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("expects 3"), e.getMessage());
    }

    private static void assertMessage(Map<String, Tensor> tensors, String arch, String prefix, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentNetwork.fromTensors(tensors, arch, prefix));
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
    }
}
