package io.aelle.app.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies (nearest rank). */
public final class LatencyStats {

    private LatencyStats() {}

    /** The p-th percentile (0 < p ≤ 100) by nearest rank; NaN for no values. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
