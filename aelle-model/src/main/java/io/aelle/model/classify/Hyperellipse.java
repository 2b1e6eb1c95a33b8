package io.aelle.model.classify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.aelle.model.confusion.Confusion;

/**
 * Low error inside the axis-aligned ellipse Σ ((p_i − center_i) / radii_i)² ≤ 1 around the low-error
 * cluster. Its shape is the cluster's mean and standard deviation; its size is a multiple of that, chosen to
 * maximise F1.
 */
public record Hyperellipse(double[] center, double[] radii) implements PlaneClassifier {

    public static final String NAME = "hyperellipse";
    private static final int SCALES = 60;

    @Override
    public boolean lowError(double[] p) {
        double s = 0;
        for (int i = 0; i < center.length; i++) {
            double d = (p[i] - center[i]) / radii[i];
            s += d * d;
        }
        return s <= 1;
    }

    @Override
    @JsonIgnore
    public String name() {
        return NAME;
    }

    /** Shape from the low-error points of (shapePoints, shapeLabels); scale chosen on (tunePoints, tuneLabels). */
    public static Hyperellipse fit(double[][] shapePoints, boolean[] shapeLabels, double[][] tunePoints, boolean[] tuneLabels) {
        if (shapePoints.length == 0) {
            throw new IllegalArgumentException("hyperellipse: no low-error points to fit");
        }
        int d = shapePoints[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        int n = 0;
        for (int i = 0; i < shapePoints.length; i++) {
            if (shapeLabels[i]) {
                n++;
                for (int j = 0; j < d; j++) {
                    mean[j] += shapePoints[i][j];
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("hyperellipse: no low-error points to fit");
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < shapePoints.length; i++) {
            if (shapeLabels[i]) {
                for (int j = 0; j < d; j++) {
                    sd[j] += Math.pow(shapePoints[i][j] - mean[j], 2) / n;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.max(Math.sqrt(sd[j]), 1e-9);
        }
        Hyperellipse best = null;
        double bestF1 = -1;
        for (int s = 1; s <= SCALES; s++) {
            double k = 0.1 * s;   // 0.1σ .. 6σ
            double[] r = new double[d];
            for (int j = 0; j < d; j++) {
                r[j] = k * sd[j];
            }
            Hyperellipse c = new Hyperellipse(mean, r);
            double f1 = Confusion.of(c.lowErrorAll(tunePoints), tuneLabels).f1();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = c;
            }
        }
        return best;
    }
}
