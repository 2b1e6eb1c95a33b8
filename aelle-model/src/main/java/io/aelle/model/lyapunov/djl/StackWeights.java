package io.aelle.model.lyapunov.djl;

import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import java.util.SplittableRandom;

/**
 * The recurrent weights of one network as float32 arrays in PyTorch layout, ready to upload to a device.
 * Per layer l: {@code weightIh[l]} is (g·N × I_l), {@code weightHh[l]} is (g·N × N), biases (g·N), zeros when the
 * network has none; I_0 is the input size, I_l = N above.
 */
public record StackWeights(Arch arch, int layers, int hiddenSize, int inputSize,
                           float[][] weightIh, float[][] weightHh, float[][] biasIh, float[][] biasHh) {

    /** The layout key under which networks share a batch. */
    public String batchKey() {
        return arch + "/" + layers + "/" + hiddenSize + "/" + inputSize;
    }

    /** Size of the tangent space: all layers' h stacked. */
    public int stateSize() {
        return layers * hiddenSize;
    }

    /** The weights of {@code network}, narrowed to float32. */
    public static StackWeights of(RecurrentNetwork network) {
        int layers = network.layers();
        float[][] wih = new float[layers][];
        float[][] whh = new float[layers][];
        float[][] bih = new float[layers][];
        float[][] bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wih[l] = toFloats(network.weightIh(l), "weight_ih_l" + l);
            whh[l] = toFloats(network.weightHh(l), "weight_hh_l" + l);
            bih[l] = toFloats(network.biasIh(l), "bias_ih_l" + l);
            bhh[l] = toFloats(network.biasHh(l), "bias_hh_l" + l);
        }
        return new StackWeights(network.arch(), layers, network.hiddenSize(), network.inputSize(), wih, whh, bih, bhh);
    }

    /**
     * A network with PyTorch's default initialisation U(−1/√N, 1/√N) times {@code gain}, biases included, for
     * benchmarks and tests; the same seed gives the same weights.
     */
    public static StackWeights random(Arch arch, int layers, int hiddenSize, int inputSize, double gain, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double bound = gain / Math.sqrt(hiddenSize);
        int rows = arch.gates() * hiddenSize;
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

    /** Narrows to float32; NaN, infinite or beyond-float32 values are an error naming {@code what}. */
    static float[] toFloats(double[] data, String what) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (float) data[i];
            if (!Float.isFinite(out[i])) {
                throw new IllegalArgumentException(what + " holds a value not finite in float32 (" + data[i] + ") at flat index " + i);
            }
        }
        return out;
    }

    private static float[] uniform(SplittableRandom random, int size, double bound) {
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
}
