package io.aelle.model.lyapunov.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Block CGS2 (every panel width, including widths that do not divide k and the column-by-column width) against
 * EJML's Householder QR and against itself: Q orthonormal, Z = Q·R with R upper triangular and diag(R) the returned
 * R_jj ≥ 0, on random, column-scaled and genuinely ill-conditioned (nearly dependent columns) batches, float64 and float32.
 */
class BatchedGramSchmidtTest {

    private static final int COLUMN_BY_COLUMN = Integer.MAX_VALUE;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = DjlRuntime.engine().newBaseManager(DjlRuntime.device("cpu"));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @ParameterizedTest(name = "panel {0}")
    @ValueSource(ints = {1, 3, 4, 8, COLUMN_BY_COLUMN})
    void matchesHouseholderOnColumnsSpreadOverTenDecades(int panel) {
        int c = 2;
        int b = 3;
        int d = 12;
        int k = 9;
        SplittableRandom rnd = new SplittableRandom(9);
        double[] z = new double[c * b * d * k];
        for (int m = 0; m < c * b; m++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < k; j++) {
                    // Columns scaled over 10 decades: the spread saturated Jacobians produce.
                    z[(m * d + i) * k + j] = rnd.nextDouble(-1, 1) * Math.pow(10, -10.0 * j / (k - 1));
                }
            }
        }
        NDArray zArray = manager.create(z, new Shape(c, b, d, k));
        BatchedGramSchmidt.Result r = BatchedGramSchmidt.orthonormalize(zArray, panel);
        assertEquals(DataType.FLOAT64, r.q().getDataType());
        double[] q = r.q().toDoubleArray();
        double[] diag = r.rDiagonal().toDoubleArray();
        for (int m = 0; m < c * b; m++) {
            DMatrixRMaj a = new DMatrixRMaj(d, k);
            System.arraycopy(z, m * d * k, a.data, 0, d * k);
            QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, k);
            assertTrue(qr.decompose(a.copy()));
            DMatrixRMaj rEjml = qr.getR(null, true);
            for (int j = 0; j < k; j++) {
                double want = Math.abs(rEjml.get(j, j));
                assertEquals(want, diag[m * k + j], 1e-9 * want, "matrix " + m + " R_" + j + j);
            }
        }
        assertIsQrOf(z, q, diag, c * b, d, k, 1e-12, 1e-12, "panel " + panel);
    }

    /**
     * Z = U·diag(σ)·Vᵀ with random orthonormal U, V and σ spread over 10 decades (float64) or 4 (float32): columns
     * nearly dependent on each other, the case where a panel's own QR amplifies what the projection on the previous
     * panels left behind. Blocked and column-by-column must both give an orthonormal Q, Z = Q·R and the same diag(R).
     */
    @ParameterizedTest(name = "{0} k={1} panel {2}")
    @CsvSource({"FLOAT64,40,16", "FLOAT64,40,7", "FLOAT64,32,32", "FLOAT32,40,16", "FLOAT32,40,7", "FLOAT32,33,16"})
    void blockedEqualsColumnByColumnOnIllConditionedBatches(DataType type, int k, int panel) {
        int batch = 4;
        int d = 48;
        boolean float64 = type == DataType.FLOAT64;
        double decades = float64 ? 10 : 4;
        double[] z = illConditioned(batch, d, k, decades, 17 + k);
        NDArray zArray = manager.create(z, new Shape(2, batch / 2, d, k)).toType(type, false);
        double[] rounded = zArray.toType(DataType.FLOAT64, false).toDoubleArray();
        BatchedGramSchmidt.Result blocked = BatchedGramSchmidt.orthonormalize(zArray, panel);
        BatchedGramSchmidt.Result column = BatchedGramSchmidt.orthonormalize(zArray, COLUMN_BY_COLUMN);
        assertEquals(type, blocked.q().getDataType());
        double orthonormal = float64 ? 1e-12 : 1e-5;
        // Z = QR to rounding relative to ‖Z‖ = σ_max = 1: a few ε times √k.
        double residual = float64 ? 1e-13 : 1e-5;
        double[] bd = blocked.rDiagonal().toType(DataType.FLOAT64, false).toDoubleArray();
        double[] cd = column.rDiagonal().toType(DataType.FLOAT64, false).toDoubleArray();
        assertIsQrOf(rounded, blocked.q().toType(DataType.FLOAT64, false).toDoubleArray(), bd, batch, d, k,
                orthonormal, residual, "blocked");
        assertIsQrOf(rounded, column.q().toType(DataType.FLOAT64, false).toDoubleArray(), cd, batch, d, k,
                orthonormal, residual, "column");
        for (int i = 0; i < bd.length; i++) {
            // Both R_jj are exact to ε·‖Z‖; relative to the smallest (10^-decades) that is ε·κ.
            assertEquals(cd[i], bd[i], (float64 ? 1e-14 : 1e-6) + 1e-3 * cd[i], "R_jj " + i);
        }
    }

    @Test
    void vanishingColumnGivesZeroRAndAZeroColumnNotNaN() {
        double[] z = illConditioned(1, 10, 6, 0, 3);
        for (int i = 0; i < 10; i++) {
            z[i * 6 + 4] = 0.0;
        }
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            BatchedGramSchmidt.Result r = BatchedGramSchmidt.orthonormalize(
                    manager.create(z, new Shape(1, 1, 10, 6)).toType(type, false), 4);
            double[] q = r.q().toType(DataType.FLOAT64, false).toDoubleArray();
            double[] diag = r.rDiagonal().toType(DataType.FLOAT64, false).toDoubleArray();
            assertEquals(0.0, diag[4], type.toString());
            for (int i = 0; i < 10; i++) {
                assertEquals(0.0, q[i * 6 + 4], type + " Q row " + i);
                assertTrue(Double.isFinite(q[i * 6 + 5]), type + " Q row " + i);
            }
            assertTrue(diag[5] > 0.1, type + " R_55 " + diag[5]);
        }
    }

    @Test
    void panelWidthMustBePositive() {
        NDArray z = manager.ones(new Shape(1, 1, 3, 2));
        String m = assertThrows(IllegalArgumentException.class, () -> BatchedGramSchmidt.orthonormalize(z, 0)).getMessage();
        assertTrue(m.contains("panel width"), m);
    }

    /** Batches of U·diag(σ)·Vᵀ (row-major d × k), σ_j = 10^(−decades·j/(k−1)), U and V random orthonormal. */
    static double[] illConditioned(int batch, int d, int k, double decades, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] z = new double[batch * d * k];
        for (int m = 0; m < batch; m++) {
            DMatrixRMaj u = randomOrthonormal(d, k, rnd);
            DMatrixRMaj v = randomOrthonormal(k, k, rnd);
            for (int j = 0; j < k; j++) {
                double sigma = Math.pow(10, -decades * j / Math.max(1, k - 1));
                for (int i = 0; i < d; i++) {
                    u.set(i, j, u.get(i, j) * sigma);
                }
            }
            DMatrixRMaj product = new DMatrixRMaj(d, k);
            CommonOps_DDRM.multTransB(u, v, product);
            System.arraycopy(product.data, 0, z, m * d * k, d * k);
        }
        return z;
    }

    private static DMatrixRMaj randomOrthonormal(int rows, int cols, SplittableRandom rnd) {
        DMatrixRMaj g = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
        assertTrue(qr.decompose(g));
        return qr.getQ(null, true);
    }

    /**
     * For each of {@code count} matrices (row-major d × k): QᵀQ = I within {@code orthonormal}; R = QᵀZ upper
     * triangular with diag(R) = the returned R_jj ≥ 0 and Z − Q·R small, both within {@code residual} (times
     * ‖z_j‖ for the column-wise checks).
     */
    static void assertIsQrOf(double[] z, double[] q, double[] diag, int count, int d, int k, double orthonormal,
                             double residual, String what) {
        for (int m = 0; m < count; m++) {
            int off = m * d * k;
            double[] r = new double[k * k];
            for (int a = 0; a < k; a++) {
                for (int bcol = 0; bcol < k; bcol++) {
                    double qq = 0;
                    double qz = 0;
                    for (int i = 0; i < d; i++) {
                        qq += q[off + i * k + a] * q[off + i * k + bcol];
                        qz += q[off + i * k + a] * z[off + i * k + bcol];
                    }
                    assertEquals(a == bcol ? 1.0 : 0.0, qq, orthonormal, what + " matrix " + m + " (QᵀQ)_" + a + "," + bcol);
                    r[a * k + bcol] = qz;
                }
            }
            for (int j = 0; j < k; j++) {
                double norm = 0;
                for (int i = 0; i < d; i++) {
                    norm += z[off + i * k + j] * z[off + i * k + j];
                }
                norm = Math.sqrt(norm);
                double rjj = diag[m * k + j];
                assertTrue(rjj >= 0, what + " matrix " + m + " R_" + j + j + " = " + rjj);
                assertEquals(r[j * k + j], rjj, residual * norm, what + " matrix " + m + " diag(QᵀZ)_" + j);
                for (int a = j + 1; a < k; a++) {
                    assertEquals(0.0, r[a * k + j], residual * norm, what + " matrix " + m + " R_" + a + "," + j + " below the diagonal");
                }
                for (int i = 0; i < d; i++) {
                    double qr = 0;
                    for (int a = 0; a <= j; a++) {
                        qr += q[off + i * k + a] * r[a * k + j];
                    }
                    assertEquals(z[off + i * k + j], qr, residual * norm, what + " matrix " + m + " (Z − QR)_" + i + "," + j);
                }
            }
        }
    }
}
