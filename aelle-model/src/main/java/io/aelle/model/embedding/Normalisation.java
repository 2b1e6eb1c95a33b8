package io.aelle.model.embedding;

/** Per-feature affine map x' = (x − center) / scale applied to spectra before encoding; stored in the bundle. */
public record Normalisation(double[] center, double[] scale) {

    public Normalisation {
        if (center.length != scale.length) {
            throw new IllegalArgumentException("normalisation center and scale lengths differ: " + center.length + " vs " + scale.length);
        }
        for (double s : scale) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("normalisation scales must be finite and > 0, got " + s);
            }
        }
    }

    /** Zero mean, unit variance per feature (a constant feature gets scale 1). */
    public static Normalisation standardise(double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += r[i] / rows.length;
            }
        }
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                sd[i] += (r[i] - mean[i]) * (r[i] - mean[i]) / rows.length;
            }
        }
        for (int i = 0; i < d; i++) {
            sd[i] = sd[i] > 1e-24 ? Math.sqrt(sd[i]) : 1.0;
        }
        return new Normalisation(mean, sd);
    }

    /**
     * Maps each feature's training range onto [−limit, limit]: for tanh-output models (DSAE), whose x slot can
     * only hold values in (−1, 1) while raw spectra are mostly negative.
     */
    public static Normalisation rangeTo(double[][] rows, double limit) {
        int d = rows[0].length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                lo[i] = Math.min(lo[i], r[i]);
                hi[i] = Math.max(hi[i], r[i]);
            }
        }
        double[] center = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            center[i] = (lo[i] + hi[i]) / 2;
            double half = (hi[i] - lo[i]) / 2;
            scale[i] = half > 1e-12 ? half / limit : 1.0;
        }
        return new Normalisation(center, scale);
    }

    public int length() {
        return center.length;
    }

    public double[] apply(double[] x) {
        if (x.length != center.length) {
            throw new IllegalArgumentException("spectrum has " + x.length + " values; the bundle expects " + center.length);
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - center[i]) / scale[i];
        }
        return y;
    }

    public double[][] applyAll(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }
}
