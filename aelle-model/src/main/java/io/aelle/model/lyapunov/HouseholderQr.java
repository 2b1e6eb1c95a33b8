package io.aelle.model.lyapunov;

import java.util.Arrays;

/**
 * Thin QR with positive diagonal, Z = Q R (Z is s × k, s ≥ k), by Householder reflections, which keep Q
 * orthonormal to working precision whatever the conditioning of Z. Storage is by columns: row j of the
 * {@code columns} array is column j of Z, and row j of the result is column j of Q, so every reflection works on
 * contiguous memory. Q is formed explicitly by backward accumulation (about the same work as the factorisation).
 *
 * <p>Deterministic (fixed operation order, lane sums added in lane order, no reductions left to the JIT). One
 * instance per thread.
 */
public final class HouseholderQr {

    /** Columns per panel: reflectors are applied NB at a time as I − V T Vᵀ (compact WY) through the GEMM. */
    static final int NB = 16;

    private final double[] lanes = new double[VectorOps.V];
    private final VectorGemm gemm = new VectorGemm();
    private double[] beta = new double[0];
    private double[] signedDiagonal = new double[0];
    private double[] panel = new double[0];
    private double[] tAll = new double[0];
    private double[] w = new double[0];
    private double[] w2 = new double[0];
    private final double[] g = new double[NB];

    /**
     * Factorises Z given by columns ({@code columns}, k × s, destroyed: it ends holding R above the diagonal and
     * the reflectors below).
     *
     * @param q        out: Q by columns (k × s), orthonormal rows
     * @param rDiag    out: diag(R) ≥ 0 (k)
     * @param colNorms out, may be null: the Euclidean norms of Z's columns before factorising (k)
     */
    public void factor(double[] columns, int k, int s, double[] q, double[] rDiag, double[] colNorms) {
        if (k > s) {
            throw new IllegalArgumentException("thin QR needs k <= s, got k = " + k + ", s = " + s);
        }
        ensureCapacity(k, s);
        if (colNorms != null) {
            for (int j = 0; j < k; j++) {
                colNorms[j] = norm(columns, j * s, s);
            }
        }
        for (int i0 = 0; i0 < k; i0 += NB) {
            int nb = Math.min(NB, k - i0);
            int len = s - i0;
            int tOff = (i0 / NB) * NB * NB;
            factorPanel(columns, s, i0, nb);
            buildPanelVectors(columns, s, i0, nb);
            buildT(len, i0, nb, tOff);
            int trailing = k - i0 - nb;
            if (trailing > 0) {
                // Z_trail ← (I − V Tᵀ Vᵀ) Z_trail; by columns (rows here): rows ← rows − ((rows · V) T) Vᵀ.
                int zOff = (i0 + nb) * s + i0;
                gemm.multiply(columns, zOff, s, trailing, len, panel, 0, len, true, nb, w, 0, nb, false);
                timesTriangular(trailing, nb, tOff, false);
                gemm.multiply(w2, 0, nb, trailing, nb, panel, 0, len, false, len, columns, zOff, s, true);
            }
        }
        // Q = H_0 H_1 ... H_{k-1} [I_k; 0], panel by panel backwards: each block touches only columns j >= i0.
        Arrays.fill(q, 0, k * s, 0.0);
        for (int j = 0; j < k; j++) {
            q[j * s + j] = 1.0;
        }
        int lastPanel = ((k - 1) / NB) * NB;
        for (int i0 = lastPanel; i0 >= 0; i0 -= NB) {
            int nb = Math.min(NB, k - i0);
            int len = s - i0;
            int rows = k - i0;
            buildPanelVectors(columns, s, i0, nb);
            int qOff = i0 * s + i0;
            // Q_j ← (I − V T Vᵀ) Q_j; by columns: rows ← rows − ((rows · V) Tᵀ) Vᵀ.
            gemm.multiply(q, qOff, s, rows, len, panel, 0, len, true, nb, w, 0, nb, false);
            timesTriangular(rows, nb, (i0 / NB) * NB * NB, true);
            gemm.multiply(w2, 0, nb, rows, nb, panel, 0, len, false, len, q, qOff, s, true);
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

    private void ensureCapacity(int k, int s) {
        if (beta.length < k) {
            beta = new double[k];
            signedDiagonal = new double[k];
            w = new double[k * NB];
            w2 = new double[k * NB];
            tAll = new double[((k + NB - 1) / NB) * NB * NB];
        }
        if (panel.length < NB * s) {
            panel = new double[NB * s];
        }
    }

    /** Unblocked Householder on columns i0 .. i0+nb−1, each reflector applied within the panel only. */
    private void factorPanel(double[] columns, int s, int i0, int nb) {
        for (int i = i0; i < i0 + nb; i++) {
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
            for (int j = i + 1; j < i0 + nb; j++) {
                int yOff = j * s + i;
                double t = beta[i] * VectorOps.dot(columns, vOff, columns, yOff, len, lanes);
                VectorOps.axpy(-t, columns, vOff, columns, yOff, len);
            }
        }
    }

    /** Copies the panel's reflectors into {@code panel} (nb × (s − i0), explicit zeros above each leading 1). */
    private void buildPanelVectors(double[] columns, int s, int i0, int nb) {
        int len = s - i0;
        for (int r = 0; r < nb; r++) {
            int dst = r * len;
            if (beta[i0 + r] == 0.0) {
                Arrays.fill(panel, dst, dst + len, 0.0);
            } else {
                Arrays.fill(panel, dst, dst + r, 0.0);
                System.arraycopy(columns, (i0 + r) * s + i0 + r, panel, dst + r, len - r);
            }
        }
    }

    /** T (upper triangular, at tAll[tOff], stride NB) with H_{i0} ... H_{i0+nb−1} = I − V T Vᵀ (LAPACK's dlarft). */
    private void buildT(int len, int i0, int nb, int tOff) {
        Arrays.fill(tAll, tOff, tOff + NB * NB, 0.0);
        for (int j = 0; j < nb; j++) {
            double tau = beta[i0 + j];
            tAll[tOff + j * NB + j] = tau;
            if (tau == 0.0) {
                continue;
            }
            for (int m = 0; m < j; m++) {
                // v_j is zero above component j, so the dot starts there.
                g[m] = VectorOps.dot(panel, m * len + j, panel, j * len + j, len - j, lanes);
            }
            for (int i = 0; i < j; i++) {
                double sum = 0.0;
                for (int m = i; m < j; m++) {
                    sum += tAll[tOff + i * NB + m] * g[m];
                }
                tAll[tOff + i * NB + j] = -tau * sum;
            }
        }
    }

    /** w2 = −(w · T) or, with {@code transposeT}, −(w · Tᵀ); w is rows × nb, T upper triangular (stride NB). */
    private void timesTriangular(int rows, int nb, int tOff, boolean transposeT) {
        for (int r = 0; r < rows; r++) {
            int wr = r * nb;
            for (int j = 0; j < nb; j++) {
                double sum = 0.0;
                if (transposeT) {
                    for (int m = j; m < nb; m++) {
                        sum += w[wr + m] * tAll[tOff + j * NB + m];
                    }
                } else {
                    for (int m = 0; m <= j; m++) {
                        sum += w[wr + m] * tAll[tOff + m * NB + j];
                    }
                }
                w2[wr + j] = -sum;
            }
        }
    }

    /** Euclidean norm, rescaled when the plain sum of squares would under- or overflow. */
    double norm(double[] x, int xo, int len) {
        double sq = VectorOps.dot(x, xo, x, xo, len, lanes);
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

    private static void scale(double alpha, double[] x, int xo, int len) {
        for (int i = 0; i < len; i++) {
            x[xo + i] *= alpha;
        }
    }
}
