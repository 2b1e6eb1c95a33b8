package io.aelle.model.lyapunov.djl;

import io.aelle.model.checkpoint.Tensor;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The recurrent weights of one network in PyTorch layout, as float32 arrays ready to upload to a device.
 * Per layer l: {@code weightIh[l]} is (g·N × I_l), {@code weightHh[l]} is (g·N × N), biases (g·N), zeros when the
 * checkpoint has none; g = 1, 3, 4 for tanh-RNN, GRU (r, z, n), LSTM (i, f, g, o); I_0 = input size, I_l = N above.
 */
public record StackWeights(Arch arch, int layers, int hiddenSize, int inputSize,
                           float[][] weightIh, float[][] weightHh, float[][] biasIh, float[][] biasHh) {

    /** Cell type; {@link #gates} is the row-block count of PyTorch's stacked weight matrices. */
    public enum Arch {
        RNN(1), GRU(3), LSTM(4);

        public final int gates;

        Arch(int gates) {
            this.gates = gates;
        }

        public static Arch parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown recurrent architecture '" + text + "'; expected rnn, gru or lstm");
            }
        }

        static Arch ofGates(int gates, String tensor) {
            for (Arch a : values()) {
                if (a.gates == gates) {
                    return a;
                }
            }
            throw new IllegalArgumentException(tensor + " has " + gates + "·N rows; expected 1, 3 or 4 (rnn, gru, lstm)");
        }
    }

    /** The layout key under which networks share a batch. */
    public String batchKey() {
        return arch + "/" + layers + "/" + hiddenSize + "/" + inputSize;
    }

    /** Size of the tangent space: all layers' h stacked. */
    public int stateSize() {
        return layers * hiddenSize;
    }

    /**
     * Reads PyTorch-named tensors ({@code <prefix>weight_hh_l0}, {@code weight_ih_l0}, optional {@code bias_*}).
     *
     * @param archOverride the checkpoint's {@code aelle.arch}, or null to infer from the shapes
     */
    public static StackWeights fromTensors(Map<String, Tensor> tensors, String archOverride) {
        String prefix = findPrefix(tensors);
        Tensor hh0 = require(tensors, prefix + "weight_hh_l0");
        if (hh0.rank() != 2 || hh0.dim(0) % hh0.dim(1) != 0) {
            throw new IllegalArgumentException(hh0.name() + " has shape " + hh0.shapeString() + "; expected (g·N × N)");
        }
        int n = hh0.dim(1);
        Arch inferred = Arch.ofGates(hh0.dim(0) / n, hh0.name());
        Arch arch = archOverride == null ? inferred : Arch.parse(archOverride);
        if (arch != inferred) {
            throw new IllegalArgumentException("aelle.arch says " + archOverride + " but " + hh0.name() + " has shape "
                    + hh0.shapeString() + " (" + inferred.name().toLowerCase(Locale.ROOT) + ")");
        }
        int layers = 0;
        while (tensors.containsKey(prefix + "weight_hh_l" + layers)) {
            layers++;
        }
        int g = arch.gates;
        int inputSize = require(tensors, prefix + "weight_ih_l0").dim(1);
        float[][] wih = new float[layers][];
        float[][] whh = new float[layers][];
        float[][] bih = new float[layers][];
        float[][] bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? inputSize : n;
            wih[l] = floats(require(tensors, prefix + "weight_ih_l" + l), g * n, in);
            whh[l] = floats(require(tensors, prefix + "weight_hh_l" + l), g * n, n);
            bih[l] = bias(tensors, prefix + "bias_ih_l" + l, g * n);
            bhh[l] = bias(tensors, prefix + "bias_hh_l" + l, g * n);
        }
        return new StackWeights(arch, layers, n, inputSize, wih, whh, bih, bhh);
    }

    /**
     * A network with PyTorch's default initialisation U(−1/√N, 1/√N) times {@code gain}, biases included, for
     * benchmarks and tests; the same seed gives the same weights.
     */
    public static StackWeights random(Arch arch, int layers, int hiddenSize, int inputSize, double gain, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double bound = gain / Math.sqrt(hiddenSize);
        int rows = arch.gates * hiddenSize;
        float[][] wih = new float[layers][];
        float[][] whh = new float[layers][];
        float[][] bih = new float[layers][];
        float[][] bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wih[l] = uniform(random, rows * (l == 0 ? inputSize : hiddenSize), bound);
            whh[l] = uniform(random, rows * hiddenSize, bound);
            bih[l] = uniform(random, rows, bound);
            bhh[l] = uniform(random, rows, bound);
        }
        return new StackWeights(arch, layers, hiddenSize, inputSize, wih, whh, bih, bhh);
    }

    /** The same network with every weight and bias multiplied by {@code factor}. */
    public StackWeights scaled(double factor) {
        return new StackWeights(arch, layers, hiddenSize, inputSize, scale(weightIh, factor), scale(weightHh, factor),
                scale(biasIh, factor), scale(biasHh, factor));
    }

    private static float[] uniform(java.util.SplittableRandom random, int size, double bound) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) random.nextDouble(-bound, bound);
        }
        return out;
    }

    private static float[][] scale(float[][] parts, double factor) {
        float[][] out = new float[parts.length][];
        for (int l = 0; l < parts.length; l++) {
            out[l] = new float[parts[l].length];
            for (int i = 0; i < out[l].length; i++) {
                out[l][i] = (float) (parts[l][i] * factor);
            }
        }
        return out;
    }

    private static String findPrefix(Map<String, Tensor> tensors) {
        TreeSet<String> prefixes = new TreeSet<>();
        for (String name : tensors.keySet()) {
            if (name.endsWith("weight_hh_l0")) {
                prefixes.add(name.substring(0, name.length() - "weight_hh_l0".length()));
            }
        }
        if (prefixes.size() != 1) {
            throw new IllegalArgumentException(prefixes.isEmpty()
                    ? "no recurrent layer: no tensor named *weight_hh_l0"
                    : "ambiguous recurrent layer: several *weight_hh_l0 tensors under prefixes " + prefixes);
        }
        return prefixes.first();
    }

    private static Tensor require(Map<String, Tensor> tensors, String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("missing tensor " + name);
        }
        return t;
    }

    private static float[] bias(Map<String, Tensor> tensors, String name, int rows) {
        Tensor t = tensors.get(name);
        return t == null ? new float[rows] : floats(t, rows);
    }

    private static float[] floats(Tensor t, int... shape) {
        if (t.rank() != shape.length || t.size() != product(shape)) {
            throw new IllegalArgumentException(t.name() + " has shape " + t.shapeString() + "; expected "
                    + java.util.Arrays.toString(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            if (t.dim(i) != shape[i]) {
                throw new IllegalArgumentException(t.name() + " has shape " + t.shapeString() + "; expected "
                        + java.util.Arrays.toString(shape));
            }
        }
        return toFloats(t.data(), t.name());
    }

    /** Narrows to float32; NaN or infinite values are an error naming the tensor. */
    static float[] toFloats(double[] data, String what) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(what + " holds a non-finite value (" + data[i] + ") at flat index " + i);
            }
            out[i] = (float) data[i];
        }
        return out;
    }

    private static int product(int[] shape) {
        int p = 1;
        for (int s : shape) {
            p *= s;
        }
        return p;
    }
}
