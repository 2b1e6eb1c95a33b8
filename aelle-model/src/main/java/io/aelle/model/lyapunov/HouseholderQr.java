package io.aelle.model.lyapunov;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Thin QR with positive diagonal, Z = Q R (Z is s × k, s ≥ k), by Householder reflections, which keep Q
 * orthonormal to working precision whatever the conditioning of Z. Storage is by columns: row j of the
 * {@code columns} array is column j of Z, and row j of the result is column j of Q, so every reflection works on
 * contiguous memory. Q is formed explicitly by backward accumulation (about the same work as the factorisation).
 *
 * <p>Deterministic (fixed operation order, lane sums added in lane order, no reductions left to the JIT). One
 * instance per thread.
 */
final class HouseholderQr {

    private static final VectorSpecies<Double> SPECIES = VectorGemm.SPECIES;
    private static final int V = SPECIES.length();

    private final double[] lanes = new double[V];
    private double[] beta = new double[0];
    private double[] signedDiagonal = new double[0];

    /**
     * Factorises Z given by columns ({@code columns}, k × s, destroyed: it ends holding the reflectors).
     *
     * @param q        out: Q by columns (k × s), orthonormal rows
     * @param rDiag    out: diag(R) ≥ 0 (k)
     * @param colNorms out, may be null: the Euclidean norms of Z's columns before factorising (k)
     */
    void factor(double[] columns, int k, int s, double[] q, double[] rDiag, double[] colNorms) {
        if (beta.length < k) {
            beta = new double[k];
            signedDiagonal = new double[k];
        }
        if (colNorms != null) {
            for (int j = 0; j < k; j++) {
                colNorms[j] = norm(columns, j * s, s);
            }
        }
        for (int i = 0; i < k; i++) {
            int vOff = i * s + i;
            int len = s - i;
            double norm = norm(columns, vOff, len);
            if (norm == 0.0 || !Double.isFinite(norm)) {
                // Nothing to reflect (a zero column, or an overflowed one the caller rejects): H_i = I.
                beta[i] = 0.0;
                signedDiagonal[i] = norm;
                continue;
            }
            double x0 = columns[vOff];
            double alpha = x0 >= 0 ? -norm : norm;
            // LAPACK's dlarfg: H = I − beta v vᵀ with v0 = 1, |v_i| ≤ 1, beta in [1, 2]; no under- or overflow.
            double pivot = x0 - alpha;
            beta[i] = pivot / -alpha;
            scale(1.0 / pivot, columns, vOff + 1, len - 1);
            columns[vOff] = 1.0;
            signedDiagonal[i] = alpha;
            for (int j = i + 1; j < k; j++) {
                int yOff = j * s + i;
                double t = beta[i] * dot(columns, vOff, columns, yOff, len);
                axpy(-t, columns, vOff, columns, yOff, len);
            }
        }
        // Q = H_0 H_1 ... H_{k-1} [I_k; 0], accumulated backwards so each H_i touches only columns j >= i.
        Arrays.fill(q, 0, k * s, 0.0);
        for (int j = 0; j < k; j++) {
            q[j * s + j] = 1.0;
        }
        for (int i = k - 1; i >= 0; i--) {
            if (beta[i] == 0.0) {
                continue;
            }
            int vOff = i * s + i;
            int len = s - i;
            for (int j = i; j < k; j++) {
                int yOff = j * s + i;
                double t = beta[i] * dot(columns, vOff, q, yOff, len);
                axpy(-t, columns, vOff, q, yOff, len);
            }
        }
        // Signs: Z = (Q D)(D R) with D = diag(sign R_ii) makes diag(R) positive (the unique such QR).
        for (int j = 0; j < k; j++) {
            double d = signedDiagonal[j];
            if (d < 0) {
                scale(-1.0, q, j * s, s);
                rDiag[j] = -d;
            } else {
                rDiag[j] = d;
            }
        }
    }

    /** Euclidean norm, rescaled when the plain sum of squares would under- or overflow. */
    double norm(double[] x, int xo, int len) {
        double sq = dot(x, xo, x, xo, len);
        if (sq > 1e-280 && sq < 1e280) {
            return Math.sqrt(sq);
        }
        double max = 0.0;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, Math.abs(x[xo + i]));
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            double v = x[xo + i] / max;
            sum = Math.fma(v, v, sum);
        }
        return max * Math.sqrt(sum);
    }

    double dot(double[] x, int xo, double[] y, int yo, int len) {
        DoubleVector acc0 = DoubleVector.zero(SPECIES);
        DoubleVector acc1 = acc0;
        int i = 0;
        for (; i + 2 * V <= len; i += 2 * V) {
            acc0 = DoubleVector.fromArray(SPECIES, x, xo + i).fma(DoubleVector.fromArray(SPECIES, y, yo + i), acc0);
            acc1 = DoubleVector.fromArray(SPECIES, x, xo + i + V).fma(DoubleVector.fromArray(SPECIES, y, yo + i + V), acc1);
        }
        acc0.add(acc1).intoArray(lanes, 0);
        double sum = 0.0;
        for (int l = 0; l < V; l++) {
            sum += lanes[l];
        }
        for (; i < len; i++) {
            sum = Math.fma(x[xo + i], y[yo + i], sum);
        }
        return sum;
    }

    /** y += alpha · x. */
    static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int len) {
        DoubleVector a = DoubleVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (; i + V <= len; i += V) {
            a.fma(DoubleVector.fromArray(SPECIES, x, xo + i), DoubleVector.fromArray(SPECIES, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    private static void scale(double alpha, double[] x, int xo, int len) {
        for (int i = 0; i < len; i++) {
            x[xo + i] *= alpha;
        }
    }
}
