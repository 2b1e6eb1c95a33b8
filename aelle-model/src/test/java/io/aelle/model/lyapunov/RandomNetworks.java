package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** PyTorch-named tensors of random recurrent stacks, weights U(−p, p), for tests. */
final class RandomNetworks {

    private RandomNetworks() {}

    static Map<String, Tensor> tensors(RecurrentNetwork.Arch arch, int layers, int hidden, int input, boolean bias,
                                       double p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = arch.gates() * hidden;
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? input : hidden;
            put(m, "rnn_layer.weight_ih_l" + l, new int[] {rows, in}, rnd, p);
            put(m, "rnn_layer.weight_hh_l" + l, new int[] {rows, hidden}, rnd, p);
            if (bias) {
                put(m, "rnn_layer.bias_ih_l" + l, new int[] {rows}, rnd, p);
                put(m, "rnn_layer.bias_hh_l" + l, new int[] {rows}, rnd, p);
            }
        }
        put(m, "fc.weight", new int[] {3, hidden}, rnd, p);
        return m;
    }

    static RecurrentNetwork network(RecurrentNetwork.Arch arch, int layers, int hidden, int input, boolean bias,
                                    double p, long seed) {
        return RecurrentNetwork.fromTensors(tensors(arch, layers, hidden, input, bias, p, seed), null, null);
    }

    /** Inputs (B, T, I) uniform in (−1, 1). */
    static Tensor inputs(int b, int t, int i, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[b * t * i];
        for (int k = 0; k < d.length; k++) {
            d[k] = rnd.nextDouble(-1, 1);
        }
        return new Tensor("inputs", new int[] {b, t, i}, d);
    }

    private static void put(Map<String, Tensor> m, String name, int[] shape, SplittableRandom rnd, double p) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = rnd.nextDouble(-p, p);
        }
        m.put(name, new Tensor(name, shape, d));
    }
}
