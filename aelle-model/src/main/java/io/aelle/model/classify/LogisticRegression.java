package io.aelle.model.classify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.aelle.model.confusion.Confusion;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Low error when σ(w·p + b) ≥ cut. w and b are fitted by Newton's method (IRLS) with an L2 penalty on w;
 * the probability cut is chosen to maximise F1.
 */
public record LogisticRegression(double[] weights, double bias, double cut) implements PlaneClassifier {

    public static final String NAME = "logistic";
    private static final int NEWTON_STEPS = 50;

    @Override
    public boolean lowError(double[] p) {
        return probability(p) >= cut;
    }

    public double probability(double[] p) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * p[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    @JsonIgnore
    public String name() {
        return NAME;
    }

    /** Fits on (fitPoints, fitLabels) with penalty {@code l2}; chooses the cut on (tunePoints, tuneLabels). */
    public static LogisticRegression fit(double[][] fitPoints, boolean[] fitLabels, double l2,
                                         double[][] tunePoints, boolean[] tuneLabels) {
        int n = fitPoints.length;
        if (n == 0) {
            throw new IllegalArgumentException("logistic regression: no points to fit");
        }
        int d = fitPoints[0].length;
        double[] theta = new double[d + 1];   // [w; b]
        DMatrixRMaj h = new DMatrixRMaj(d + 1, d + 1);
        DMatrixRMaj g = new DMatrixRMaj(d + 1, 1);
        DMatrixRMaj step = new DMatrixRMaj(d + 1, 1);
        double[] xi = new double[d + 1];
        for (int it = 0; it < NEWTON_STEPS; it++) {
            h.zero();
            g.zero();
            for (int i = 0; i < n; i++) {
                System.arraycopy(fitPoints[i], 0, xi, 0, d);
                xi[d] = 1;
                double z = 0;
                for (int j = 0; j <= d; j++) {
                    z += theta[j] * xi[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double r = p - (fitLabels[i] ? 1 : 0);
                double w = Math.max(p * (1 - p), 1e-10);
                for (int a = 0; a <= d; a++) {
                    g.data[a] += r * xi[a];
                    for (int b = 0; b <= d; b++) {
                        h.data[a * (d + 1) + b] += w * xi[a] * xi[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                g.data[a] += l2 * theta[a];
                h.data[a * (d + 1) + a] += l2;
            }
            h.data[d * (d + 1) + d] += 1e-9;
            if (!CommonOps_DDRM.solve(h, g, step)) {
                break;
            }
            double change = 0;
            for (int j = 0; j <= d; j++) {
                theta[j] -= step.data[j];
                change = Math.max(change, Math.abs(step.data[j]));
            }
            if (change < 1e-9) {
                break;
            }
        }
        double[] w = java.util.Arrays.copyOf(theta, d);
        double b = theta[d];
        LogisticRegression best = null;
        double bestF1 = -1;
        for (int c = 1; c < 100; c++) {
            LogisticRegression m = new LogisticRegression(w, b, c / 100.0);
            double f1 = Confusion.of(m.lowErrorAll(tunePoints), tuneLabels).f1();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = m;
            }
        }
        return best;
    }
}
