package io.aelle.model.pruning;

import java.util.Arrays;
import java.util.Random;

/**
 * A mean over replayed orders with its 95% percentile-bootstrap interval (resampling the orders with replacement,
 * a fixed seed, so a summary is reproducible).
 */
public record Interval(double mean, double low, double high) {

    static final int RESAMPLES = 2000;

    public static Interval of(double[] values, long seed) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        Random r = new Random(seed);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < values.length; i++) {
                s += values[r.nextInt(values.length)];
            }
            means[b] = s / values.length;
        }
        Arrays.sort(means);
        return new Interval(mean, means[(int) Math.floor(0.025 * (RESAMPLES - 1))], means[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }
}
