package io.aelle.monitor.score;

import java.util.Locale;

/** Training fractions grouped in 5% buckets: [0, 0.05) is "0.00", [0.05, 0.10) is "0.05", ..., 1.0 is "1.00". */
public final class FractionBucket {

    public static final double WIDTH = 0.05;
    private static final int BUCKETS = 20;
    // epoch/total fractions like 3/20 are not exact in binary; this keeps them in their own bucket.
    private static final double EPSILON = 1e-9;

    private FractionBucket() {}

    /** The bucket's lower edge as a two-decimal label, e.g. {@code 0.20}. */
    public static String of(double fraction) {
        if (!(fraction >= 0 && fraction <= 1 + EPSILON)) {
            throw new IllegalArgumentException("training fraction must be in [0, 1], got " + fraction);
        }
        int index = Math.min(BUCKETS, (int) Math.floor(fraction * BUCKETS + EPSILON));
        return String.format(Locale.ROOT, "%.2f", index * WIDTH);
    }
}
