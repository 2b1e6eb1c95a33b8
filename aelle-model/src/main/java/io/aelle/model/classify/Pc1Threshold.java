package io.aelle.model.classify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.aelle.model.confusion.Confusion;
import java.util.Arrays;

/** The AeLLE paper's classifier: low error on one side of a threshold on the first coordinate (PC1). */
public record Pc1Threshold(double threshold, @JsonProperty("low_below") boolean lowBelow) implements PlaneClassifier {

    public static final String NAME = "pc1-threshold";

    @Override
    public boolean lowError(double[] p) {
        return lowBelow ? p[0] < threshold : p[0] > threshold;
    }

    @Override
    @JsonIgnore
    public String name() {
        return NAME;
    }

    /** Tries every midpoint between sorted PC1 values, on both sides, and keeps the highest F1. */
    public static Pc1Threshold fit(double[][] points, boolean[] lowError) {
        if (points.length == 0) {
            throw new IllegalArgumentException("pc1 threshold: no points to fit");
        }
        double[] x = new double[points.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = points[i][0];
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        Pc1Threshold best = null;
        double bestF1 = -1;
        for (int i = 0; i <= sorted.length; i++) {
            double t = i == 0 ? sorted[0] - 1 : i == sorted.length ? sorted[i - 1] + 1 : (sorted[i - 1] + sorted[i]) / 2;
            for (boolean below : new boolean[] {true, false}) {
                Pc1Threshold c = new Pc1Threshold(t, below);
                double f1 = Confusion.of(c.lowErrorAll(points), lowError).f1();
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = c;
                }
            }
        }
        return best;
    }
}
