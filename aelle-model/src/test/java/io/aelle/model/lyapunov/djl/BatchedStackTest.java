package io.aelle.model.lyapunov.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The batched float32 forward pass and Jacobians against {@link RecurrentNetwork}'s float64 ones (finite-difference
 * tested on its own), for every architecture, one and two layers, with and without bias, two checkpoints × two
 * sequences in one batch.
 */
class BatchedStackTest {

    @ParameterizedTest(name = "{0} layers={1} bias={2}")
    @CsvSource({"RNN,1,true", "RNN,2,false", "GRU,1,false", "GRU,2,true", "LSTM,1,true", "LSTM,2,false", "LSTM,3,true"})
    void statesAndJacobiansMatchTheScalarNetwork(Arch arch, int layers, boolean bias) {
        int n = 6;
        int in = 4;
        int b = 2;
        int steps = 5;
        List<RecurrentNetwork> nets = List.of(network(arch, layers, n, in, bias, 1.2, 1), network(arch, layers, n, in, bias, 0.9, 2));
        double[][][] x = new double[b][steps][in];
        SplittableRandom rnd = new SplittableRandom(5);
        float[] flat = new float[b * steps * in];
        for (int s = 0; s < b; s++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < in; i++) {
                    x[s][t][i] = (float) rnd.nextDouble(-1, 1);
                    flat[(s * steps + t) * in + i] = (float) x[s][t][i];
                }
            }
        }
        int d = layers * n;
        try (NDManager manager = DjlRuntime.engine().newBaseManager(DjlRuntime.device("cpu"))) {
            BatchedStack stack = new BatchedStack(manager, nets.stream().map(StackWeights::of).toList());
            NDArray inputs = manager.create(flat, new Shape(b, steps, in));
            NDArray[] h = new NDArray[layers];
            NDArray[] c = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                h[l] = manager.zeros(new Shape(2, b, n));
                c[l] = manager.zeros(new Shape(2, b, n));
            }
            RecurrentNetwork.State[][] scalar = new RecurrentNetwork.State[2][b];
            for (int k = 0; k < 2; k++) {
                for (int s = 0; s < b; s++) {
                    scalar[k][s] = nets.get(k).newState();
                }
            }
            double[] expectedJ = new double[d * d];
            double[] expectedH = new double[d];
            for (int t = 0; t < steps; t++) {
                BatchedStack.Step step = stack.step(inputs.get(":, {}, :", t), h, c);
                float[] j = step.jacobian().toFloatArray();
                float[][] hl = new float[layers][];
                for (int l = 0; l < layers; l++) {
                    hl[l] = step.h()[l].toFloatArray();
                }
                for (int k = 0; k < 2; k++) {
                    for (int s = 0; s < b; s++) {
                        scalar[k][s].advance(x[s][t], 0);
                        scalar[k][s].jacobian(expectedJ);
                        scalar[k][s].hidden(expectedH);
                        for (int l = 0; l < layers; l++) {
                            for (int i = 0; i < n; i++) {
                                assertEquals(expectedH[l * n + i], hl[l][(k * b + s) * n + i], 2e-6,
                                        "h step " + t + " net " + k + " seq " + s + " layer " + l + " unit " + i);
                            }
                        }
                        int off = (k * b + s) * d * d;
                        for (int e = 0; e < d * d; e++) {
                            assertEquals(expectedJ[e], j[off + e], 2e-6,
                                    "J step " + t + " net " + k + " seq " + s + " entry (" + e / d + "," + e % d + ")");
                        }
                    }
                }
                h = step.h();
                c = stack.hasCellState() ? step.cell() : c;
            }
        }
    }

    /** Weights U(−p/√N, p/√N) rounded to float32, so both sides start from the same numbers. */
    static RecurrentNetwork network(Arch arch, int layers, int n, int in, boolean bias, double p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        int rows = arch.gates() * n;
        for (int l = 0; l < layers; l++) {
            put(m, "rnn.weight_ih_l" + l, rows, l == 0 ? in : n, rnd, p / Math.sqrt(n));
            put(m, "rnn.weight_hh_l" + l, rows, n, rnd, p / Math.sqrt(n));
            if (bias) {
                put(m, "rnn.bias_ih_l" + l, rows, 0, rnd, p / Math.sqrt(n));
                put(m, "rnn.bias_hh_l" + l, rows, 0, rnd, p / Math.sqrt(n));
            }
        }
        return RecurrentNetwork.fromTensors(m, null, null);
    }

    private static void put(Map<String, Tensor> m, String name, int rows, int cols, SplittableRandom rnd, double bound) {
        double[] d = new double[rows * Math.max(cols, 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rnd.nextDouble(-bound, bound);
        }
        m.put(name, new Tensor(name, cols == 0 ? new int[] {rows} : new int[] {rows, cols}, d));
    }
}
