package io.aelle.producer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Examples of a sequence task held as flat Java arrays: inputs (N, T, I) and either class targets
 * ({@code classes}: N labels, or N x T labels when {@code targetSteps == T}) or real targets (N, T, O).
 * Shared read-only between parallel runs; each run copies its batches into its own NDManager.
 */
public record SequenceSet(int size, int steps, int inputSize, float[] inputs, int[] classes, float[] values, int targetWidth) {

    public SequenceSet {
        if ((long) size * steps * inputSize != inputs.length) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, expected " + size + "x" + steps + "x" + inputSize);
        }
        if ((classes == null) == (values == null)) {
            throw new IllegalArgumentException("a sequence set has either class targets or real targets");
        }
    }

    public static SequenceSet ofClasses(int size, int steps, int inputSize, float[] inputs, int[] classes) {
        return new SequenceSet(size, steps, inputSize, inputs, classes, null, classes.length / size);
    }

    public static SequenceSet ofValues(int size, int steps, int inputSize, float[] inputs, float[] values, int outputs) {
        return new SequenceSet(size, steps, inputSize, inputs, null, values, outputs);
    }

    /** Inputs of examples {@code from..from+count-1} as a (count, T, I) float array. */
    public float[] inputSlice(int from, int count) {
        int stride = steps * inputSize;
        float[] out = new float[count * stride];
        System.arraycopy(inputs, from * stride, out, 0, out.length);
        return out;
    }

    /** The batch of the given example indices: inputs (B, T, I) and targets, in {@code manager}. */
    public NDList batch(NDManager manager, int[] indices) {
        int stride = steps * inputSize;
        float[] x = new float[indices.length * stride];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(inputs, indices[b] * stride, x, b * stride, stride);
        }
        NDArray input = manager.create(x, new Shape(indices.length, steps, inputSize));
        return new NDList(input, targets(manager, indices));
    }

    private NDArray targets(NDManager manager, int[] indices) {
        if (classes != null) {
            int per = targetWidth;
            int[] y = new int[indices.length * per];
            for (int b = 0; b < indices.length; b++) {
                System.arraycopy(classes, indices[b] * per, y, b * per, per);
            }
            return per == 1 ? manager.create(y, new Shape(indices.length)) : manager.create(y, new Shape(indices.length, per));
        }
        int per = steps * targetWidth;
        float[] y = new float[indices.length * per];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(values, indices[b] * per, y, b * per, per);
        }
        return manager.create(y, new Shape(indices.length, steps, targetWidth));
    }
}
