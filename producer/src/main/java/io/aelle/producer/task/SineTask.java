package io.aelle.producer.task;

import ai.djl.ndarray.NDArray;
import io.aelle.producer.data.SequenceSet;
import java.util.Random;

/**
 * Target learning: driven by low-amplitude Gaussian noise (std {@value #NOISE_STD}, one input), the network must
 * output f(t) = sum_k a_k sin(2 pi w_k t / T) / sum_k a_k over T = {@value #STEPS} steps, with four random integer
 * frequencies w_k in [1, 6] and amplitudes a_k in [1, 3] drawn once per study (from the study seed). Loss: mean
 * absolute error over all steps.
 */
public final class SineTask implements Task {

    public static final int STEPS = 100;
    public static final double NOISE_STD = 0.05;
    private static final long VALIDATION_SEED = 0x5eedL;

    private final float[] target = new float[STEPS];

    public SineTask(long studySeed) {
        Random rnd = new Random(studySeed);
        int[] freq = new int[4];
        int[] amp = new int[4];
        int ampSum = 0;
        for (int k = 0; k < 4; k++) {
            freq[k] = 1 + rnd.nextInt(6);
            amp[k] = 1 + rnd.nextInt(3);
            ampSum += amp[k];
        }
        for (int t = 0; t < STEPS; t++) {
            double f = 0;
            for (int k = 0; k < 4; k++) {
                f += amp[k] * Math.sin(2 * Math.PI * freq[k] * t / STEPS);
            }
            target[t] = (float) (f / ampSum);
        }
    }

    @Override
    public String name() {
        return "sine";
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public boolean readoutEveryStep() {
        return true;
    }

    @Override
    public double defaultLossThreshold() {
        return 0.2;
    }

    @Override
    public SequenceSet trainingSet(int size, long seed) {
        return noiseDriven(size, new Random(seed));
    }

    @Override
    public SequenceSet validationSet(int size) {
        return noiseDriven(size, new Random(VALIDATION_SEED));
    }

    @Override
    public NDArray loss(NDArray output, NDArray target) {
        return Losses.meanAbsoluteError(output, target);
    }

    /** The target signal f(t), one value per step. */
    public float[] target() {
        return target.clone();
    }

    private SequenceSet noiseDriven(int n, Random rnd) {
        float[] x = new float[n * STEPS];
        float[] y = new float[n * STEPS];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < STEPS; t++) {
                x[k * STEPS + t] = (float) (NOISE_STD * rnd.nextGaussian());
                y[k * STEPS + t] = target[t];
            }
        }
        return SequenceSet.ofValues(n, STEPS, 1, x, y, 1);
    }
}
