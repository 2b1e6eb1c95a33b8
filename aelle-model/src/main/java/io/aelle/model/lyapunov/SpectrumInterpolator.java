package io.aelle.model.lyapunov;

import java.util.Arrays;

/**
 * Brings spectra of different sizes to a common length L so that one autoencoder can read them all.
 *
 * <p>L = N·2^k (k ≥ 0): the AeLLE paper's midpoint doubling, applied k times: between each pair of neighbours
 * insert their midpoint, and after the last value append it extrapolated by half a step,
 * x_{N−1} + (x_{N−1} − x_{N−2})/2 (for N = 1, the value itself). Any other L: linear resampling with both ends
 * kept, position j of the output at index j·(N−1)/(L−1) of the input.
 */
public final class SpectrumInterpolator {

    private SpectrumInterpolator() {}

    public static double[] interpolate(double[] spectrum, int length) {
        int n = spectrum.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot interpolate an empty spectrum");
        }
        if (length < 1) {
            throw new IllegalArgumentException("interpolation length must be >= 1, got " + length);
        }
        int doublings = doublings(n, length);
        if (doublings >= 0) {
            double[] x = spectrum.clone();
            for (int i = 0; i < doublings; i++) {
                x = doubleByMidpoints(x);
            }
            return x;
        }
        return resampleLinearly(spectrum, length);
    }

    /** k such that length = n·2^k, or −1. */
    static int doublings(int n, int length) {
        int k = 0;
        for (long m = n; m <= length; m *= 2, k++) {
            if (m == length) {
                return k;
            }
        }
        return -1;
    }

    static double[] doubleByMidpoints(double[] x) {
        int n = x.length;
        double[] y = new double[2 * n];
        for (int i = 0; i < n - 1; i++) {
            y[2 * i] = x[i];
            y[2 * i + 1] = 0.5 * (x[i] + x[i + 1]);
        }
        y[2 * n - 2] = x[n - 1];
        y[2 * n - 1] = n > 1 ? x[n - 1] + 0.5 * (x[n - 1] - x[n - 2]) : x[n - 1];
        return y;
    }

    static double[] resampleLinearly(double[] x, int length) {
        int n = x.length;
        double[] y = new double[length];
        if (length == 1 || n == 1) {
            Arrays.fill(y, x[0]);
            return y;
        }
        for (int j = 0; j < length; j++) {
            double u = (double) j * (n - 1) / (length - 1);
            int i = Math.min((int) Math.floor(u), n - 2);
            double w = u - i;
            y[j] = (1 - w) * x[i] + w * x[i + 1];
        }
        return y;
    }
}
