package io.aelle.producer.task;

import io.aelle.model.util.Permutations;
import ai.djl.ndarray.NDArray;
import io.aelle.producer.data.Mnist;
import io.aelle.producer.data.SequenceSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Sequential MNIST: each image read row by row (28 steps of 28 pixels in [0, 1]); the class comes from the
 * last hidden state through the read-out; cross-entropy. Training examples come from the training split,
 * validation examples (and the probe) from the test split.
 */
public final class SmnistTask implements Task {

    private final Path mnistDir;
    private Mnist train;
    private Mnist test;

    public SmnistTask(Path dataDir) {
        this.mnistDir = dataDir.resolve("mnist");
    }

    @Override
    public String name() {
        return "smnist";
    }

    @Override
    public int inputSize() {
        return Mnist.COLS;
    }

    @Override
    public int outputSize() {
        return 10;
    }

    @Override
    public boolean readoutEveryStep() {
        return false;
    }

    @Override
    public double defaultLossThreshold() {
        return 0.5;
    }

    @Override
    public synchronized SequenceSet trainingSet(int size, long seed) throws IOException {
        if (train == null) {
            train = Mnist.load(mnistDir, Mnist.Split.TRAIN);
        }
        int[] order = permutation(train.size(), seed);
        return sequences(train, order, Math.min(size, train.size()));
    }

    @Override
    public synchronized SequenceSet validationSet(int size) throws IOException {
        if (test == null) {
            test = Mnist.load(mnistDir, Mnist.Split.TEST);
        }
        int[] order = new int[test.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return sequences(test, order, Math.min(size, test.size()));
    }

    @Override
    public NDArray loss(NDArray output, NDArray target) {
        return Losses.crossEntropy(output, target);
    }

    private static SequenceSet sequences(Mnist mnist, int[] order, int n) {
        int per = Mnist.ROWS * Mnist.COLS;
        float[] x = new float[n * per];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            for (int r = 0; r < Mnist.ROWS; r++) {
                for (int c = 0; c < Mnist.COLS; c++) {
                    x[k * per + r * Mnist.COLS + c] = mnist.pixel(i, r, c);
                }
            }
            y[k] = mnist.label(i);
        }
        return SequenceSet.ofClasses(n, Mnist.ROWS, Mnist.COLS, x, y);
    }

    static int[] permutation(int n, long seed) {
        return Permutations.shuffled(n, new Random(seed));
    }
}
