package io.aelle.model.embedding.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.aelle.model.util.Permutations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trainable float32 NDArrays with an Adam optimiser: the small custom training loops of AeLLE and DSAE
 * (DJL blocks have no iterated square map, so both models are written directly in NDArray ops). PyTorch's thread
 * counts are the process's to set, at its entry ({@link io.aelle.model.djl.DjlThreads}), before the engine loads.
 */
final class DjlParameters implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Optimizer adam;
    private final Random random;

    DjlParameters(double learningRate, long seed) {
        this.manager = NDManager.newBaseManager();
        this.adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
        this.random = new Random(seed);
    }

    NDManager manager() {
        return manager;
    }

    Random random() {
        return random;
    }

    /** A Gaussian(0, std²) parameter, drawn from the seeded Java RNG so training is reproducible. */
    NDArray gaussian(String name, double std, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * random.nextGaussian());
        }
        return add(name, manager.create(v, shape(shape)));
    }

    NDArray zeros(String name, int... shape) {
        return add(name, manager.zeros(shape(shape), DataType.FLOAT32));
    }

    private NDArray add(String name, NDArray a) {
        a.setRequiresGradient(true);
        params.put(name, a);
        return a;
    }

    NDArray get(String name) {
        return params.get(name);
    }

    /** One Adam step over every parameter, from the gradients of the last backward pass. */
    void step() {
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            adam.update(e.getKey(), e.getValue(), e.getValue().getGradient());
        }
    }

    /** A model's loss on a batch; {@code training} is false for the validation pass (no dropout). */
    @FunctionalInterface
    interface BatchLoss {
        NDArray of(int epoch, NDArray x, NDArray t, boolean training);
    }

    /**
     * Adam over shuffled minibatches of (x, t) for the given epochs; after each epoch the loss on the whole
     * validation set (when there is one) is recorded and the listener told.
     */
    LossHistory fit(double[][] x, double[] t, double[][] valX, double[] valT, int epochs, int batchSize, BatchLoss loss,
                    TrainingListener listener) {
        LossHistory history = new LossHistory();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double sum = 0;
            int count = 0;
            for (int[] batch : batches(x.length, batchSize)) {
                try (NDManager batchArrays = manager.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.of(epoch, rows(batchArrays, x, batch), column(batchArrays, t, batch), true);
                    gc.backward(l);
                    sum += l.getFloat() * batch.length;
                    count += batch.length;
                }
                step();
            }
            double val = Double.NaN;
            if (valX != null && valX.length > 0) {
                try (NDManager valArrays = manager.newSubManager()) {
                    int[] all = all(valX.length);
                    val = loss.of(epoch, rows(valArrays, valX, all), column(valArrays, valT, all), false).getFloat();
                }
            }
            history.add(epoch + 1, sum / count, val);
            listener.epochDone(epoch + 1, epochs, sum / count, val);
        }
        return history;
    }

    static Shape shape(int... dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return new Shape(l);
    }

    /** Shuffled minibatch index lists for one epoch. */
    int[][] batches(int n, int batchSize) {
        int[] idx = Permutations.shuffled(n, random);
        int count = (n + batchSize - 1) / batchSize;
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            out[b] = java.util.Arrays.copyOfRange(idx, b * batchSize, Math.min(n, (b + 1) * batchSize));
        }
        return out;
    }

    static NDArray rows(NDManager m, double[][] x, int[] idx) {
        int d = x[0].length;
        float[] f = new float[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < d; j++) {
                f[i * d + j] = (float) x[idx[i]][j];
            }
        }
        return m.create(f, new Shape(idx.length, d));
    }

    static NDArray column(NDManager m, double[] t, int[] idx) {
        float[] f = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            f[i] = (float) t[idx[i]];
        }
        return m.create(f, new Shape(idx.length, 1));
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    @Override
    public void close() {
        manager.close();
    }
}
