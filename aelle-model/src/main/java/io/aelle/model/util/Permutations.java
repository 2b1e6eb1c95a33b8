package io.aelle.model.util;

import java.util.Random;

/** Random orderings shared by training loops and data sampling, so every shuffle draws from its Random the same way. */
public final class Permutations {

    private Permutations() {}

    /** 0 … n−1 in the order of a Fisher–Yates shuffle driven by {@code rnd} (one {@code nextInt} per position, last first). */
    public static int[] shuffled(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
