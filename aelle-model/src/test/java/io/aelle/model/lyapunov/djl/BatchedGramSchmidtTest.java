package io.aelle.model.lyapunov.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

/** CGS2 against EJML's Householder QR: |diag R| equal, Q orthonormal, Z = Q·R on the leading columns. */
class BatchedGramSchmidtTest {

    @Test
    void matchesHouseholderOnIllConditionedMatrices() {
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
        try (NDManager manager = DjlRuntime.engine().newBaseManager(DjlRuntime.device("cpu"))) {
            NDArray zArray = manager.create(z, new Shape(c, b, d, k));
            BatchedGramSchmidt.Result r = BatchedGramSchmidt.orthonormalize(zArray);
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
                    assertTrue(diag[m * k + j] >= 0);
                    assertEquals(want, diag[m * k + j], 1e-9 * want, "matrix " + m + " R_" + j + j);
                    for (int l = 0; l < k; l++) {
                        double dot = 0;
                        for (int i = 0; i < d; i++) {
                            dot += q[(m * d + i) * k + j] * q[(m * d + i) * k + l];
                        }
                        assertEquals(j == l ? 1.0 : 0.0, dot, 1e-12, "matrix " + m + " (QᵀQ)_" + j + l);
                    }
                }
            }
        }
    }
}
