package io.aelle.producer.train;

import io.aelle.model.djl.NdArrays;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A single-layer tanh RNN, GRU or LSTM with a linear read-out, written with NDArray operations so DJL's
 * autograd trains it and its parameters are stored exactly in PyTorch's layout: {@code weight_ih_l0}
 * (gates*H, I), {@code weight_hh_l0} (gates*H, H), {@code bias_ih_l0}, {@code bias_hh_l0} (gates*H), gate
 * blocks in PyTorch order (LSTM i, f, g, o; GRU r, z, n), and {@code fc.weight} (O, H), {@code fc.bias} (O).
 * The cell equations are PyTorch's, so an exported checkpoint runs unchanged in {@code torch.nn.LSTM} etc.
 *
 * <p>Initialisation (seeded from the variant, independent of thread and engine RNG): recurrent weights
 * U(-p, p); input weights and read-out weights U(-1/sqrt(H), 1/sqrt(H)) (PyTorch's default); all biases zero.
 */
public final class RecurrentNetworkBlock extends AbstractBlock {

    public static final String LAYER_PREFIX = "rnn_layer.";

    private final Arch arch;
    private final int inputSize;
    private final int hidden;
    private final int outputSize;
    private final boolean readoutEveryStep;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;
    private final Parameter fcWeight;
    private final Parameter fcBias;

    public RecurrentNetworkBlock(Arch arch, int inputSize, int hidden, int outputSize, boolean readoutEveryStep,
                                 double initHalfWidth, long seed) {
        this.arch = arch;
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.outputSize = outputSize;
        this.readoutEveryStep = readoutEveryStep;
        int rows = arch.gates() * hidden;
        double inputScale = 1.0 / Math.sqrt(hidden);
        weightIh = param("weight_ih_l0", Parameter.Type.WEIGHT, new Shape(rows, inputSize), uniform(seed, 1, inputScale));
        weightHh = param("weight_hh_l0", Parameter.Type.WEIGHT, new Shape(rows, hidden), uniform(seed, 2, initHalfWidth));
        biasIh = param("bias_ih_l0", Parameter.Type.BIAS, new Shape(rows), Initializer.ZEROS);
        biasHh = param("bias_hh_l0", Parameter.Type.BIAS, new Shape(rows), Initializer.ZEROS);
        fcWeight = param("fc_weight", Parameter.Type.WEIGHT, new Shape(outputSize, hidden), uniform(seed, 3, inputScale));
        fcBias = param("fc_bias", Parameter.Type.BIAS, new Shape(outputSize), Initializer.ZEROS);
    }

    public static RecurrentNetworkBlock of(Variant v, int inputSize, int outputSize, boolean readoutEveryStep) {
        return new RecurrentNetworkBlock(v.arch(), inputSize, v.hidden(), outputSize, readoutEveryStep, v.initHalfWidth(), v.seed());
    }

    public Arch arch() {
        return arch;
    }

    private Parameter param(String name, Parameter.Type type, Shape shape, Initializer init) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build());
    }

    /** U(-halfWidth, halfWidth) from a Java RNG seeded by (seed, stream), so runs are reproducible in parallel. */
    private static Initializer uniform(long seed, int stream, double halfWidth) {
        return (NDManager manager, Shape shape, DataType dataType) -> {
            Random rnd = new Random(seed * 1_000_003L + stream);
            float[] values = new float[(int) shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * rnd.nextDouble() - 1) * halfWidth);
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Device d = x.getDevice();
        NDArray[] w = {ps.getValue(weightIh, d, training), ps.getValue(weightHh, d, training), ps.getValue(biasIh, d, training),
                ps.getValue(biasHh, d, training)};
        NDArray states = unroll(x, w, !readoutEveryStep);
        NDArray fcW = ps.getValue(fcWeight, d, training);
        NDArray fcB = ps.getValue(fcBias, d, training);
        return new NDList(states.matMul(fcW.transpose()).add(fcB));
    }

    /** The hidden state h_t at every step (B, T, H), from the zero state, with the current parameters. */
    public NDArray hiddenStates(NDArray x) {
        return unroll(x, new NDArray[] {weightIh.getArray(), weightHh.getArray(), biasIh.getArray(), biasHh.getArray()}, false);
    }

    /**
     * Runs the cell over x (B, T, I) from h = c = 0 with w = {W_ih, W_hh, b_ih, b_hh}; returns h_T (B, H) when
     * {@code lastOnly}, else all states (B, T, H).
     */
    private NDArray unroll(NDArray x, NDArray[] w, boolean lastOnly) {
        long batch = x.getShape().get(0);
        int steps = (int) x.getShape().get(1);
        NDArray whhT = w[1].transpose();
        // Input projections of all steps in one product; for RNN and LSTM both biases fold in here.
        NDArray xBias = arch == Arch.GRU ? w[2] : w[2].add(w[3]);
        NDList xs = x.matMul(w[0].transpose()).add(xBias).swapAxes(0, 1).split(steps, 0);
        NDArray h = x.getManager().zeros(new Shape(batch, hidden), x.getDataType());
        NDArray c = arch == Arch.LSTM ? h : null;
        List<NDArray> all = lastOnly ? null : new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            NDArray xt = xs.get(t).squeeze(0);
            switch (arch) {
                case RNN -> h = xt.add(h.matMul(whhT)).tanh();
                case LSTM -> {
                    NDList g = xt.add(h.matMul(whhT)).split(4, 1);
                    NDArray i = Activation.sigmoid(g.get(0));
                    NDArray f = Activation.sigmoid(g.get(1));
                    NDArray cand = g.get(2).tanh();
                    NDArray o = Activation.sigmoid(g.get(3));
                    c = f.mul(c).add(i.mul(cand));
                    h = o.mul(c.tanh());
                }
                case GRU -> {
                    NDList gx = xt.split(3, 1);
                    NDList gh = h.matMul(whhT).add(w[3]).split(3, 1);
                    NDArray r = Activation.sigmoid(gx.get(0).add(gh.get(0)));
                    NDArray z = Activation.sigmoid(gx.get(1).add(gh.get(1)));
                    NDArray n = gx.get(2).add(r.mul(gh.get(2))).tanh();
                    h = n.add(z.mul(h.sub(n)));
                }
            }
            if (all != null) {
                all.add(h);
            }
        }
        return lastOnly ? h : NDArrays.stack(new NDList(all), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {readoutEveryStep ? new Shape(in.get(0), in.get(1), outputSize) : new Shape(in.get(0), outputSize)};
    }

    /** The trained tensors under PyTorch's names ({@code rnn_layer.weight_ih_l0}, ..., {@code fc.weight}, {@code fc.bias}). */
    public Map<String, Tensor> export() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        put(out, LAYER_PREFIX + "weight_ih_l0", weightIh);
        put(out, LAYER_PREFIX + "weight_hh_l0", weightHh);
        put(out, LAYER_PREFIX + "bias_ih_l0", biasIh);
        put(out, LAYER_PREFIX + "bias_hh_l0", biasHh);
        put(out, "fc.weight", fcWeight);
        put(out, "fc.bias", fcBias);
        return out;
    }

    private static void put(Map<String, Tensor> out, String name, Parameter p) {
        out.put(name, NdArrays.toTensor(name, p.getArray()));
    }

    public int inputSize() {
        return inputSize;
    }
}
