package io.aelle.monitor.score;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A bounded, uniform sample of the val_losses seen in one (study, 5% fraction bucket), kept sorted: the live
 * loss-median compares a checkpoint's loss with its q-quantile. A Flink POJO (public fields, no-arg constructor).
 * <p>Algorithm: reservoir sampling (Vitter's algorithm R). The first {@link #CAPACITY} losses are all kept; the n-th
 * after that (0-based) replaces a kept one with probability CAPACITY / (n + 1), so every loss seen is in the sample
 * with the same probability. The random draw is seeded by the bucket's key and n, so a replay after a restart keeps
 * the same sample. Exact until CAPACITY losses; after that the quantile of the sample has a rank error of
 * sqrt(q (1 - q) / CAPACITY) standard deviations, about 1.6 percentage points at the median.
 */
public class LossReservoir {

    /** At most this many losses per (study, bucket): 8 KiB of state. */
    public static final int CAPACITY = 1024;

    /** The kept losses, ascending. */
    public double[] sorted = new double[0];
    /** How many losses were offered, kept or not. */
    public long seen;

    public LossReservoir() {}

    /** Offers one finite loss; {@code key} seeds the replacement draw (the study and bucket). */
    public void add(double loss, String key) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException("only a finite val_loss enters the sample, got " + loss);
        }
        long n = seen++;
        if (sorted.length < CAPACITY) {
            insert(sorted, loss, sorted.length + 1);
            return;
        }
        long j = new SplittableRandom(key.hashCode() * 0x9E3779B97F4A7C15L + n).nextLong(n + 1);
        if (j < CAPACITY) {
            double[] rest = new double[CAPACITY - 1];
            System.arraycopy(sorted, 0, rest, 0, (int) j);
            System.arraycopy(sorted, (int) j + 1, rest, (int) j, CAPACITY - 1 - (int) j);
            insert(rest, loss, CAPACITY);
        }
    }

    private void insert(double[] from, double loss, int length) {
        int at = Arrays.binarySearch(from, loss);
        at = at < 0 ? -at - 1 : at;
        double[] to = new double[length];
        System.arraycopy(from, 0, to, 0, at);
        to[at] = loss;
        System.arraycopy(from, at, to, at + 1, from.length - at);
        sorted = to;
    }
}
