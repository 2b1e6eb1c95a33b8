package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HouseholderQrTest {

    @ParameterizedTest(name = "s={0} k={1}")
    @CsvSource({"1,1", "5,5", "17,4", "40,40", "65,33", "200,130", "97,97"})
    void reconstructsWithOrthonormalQAndPositiveDiagonal(int s, int k) {
        SplittableRandom rnd = new SplittableRandom(s * 100L + k);
        double[] z = new double[k * s];
        for (int i = 0; i < z.length; i++) {
            z[i] = rnd.nextDouble(-1, 1);
        }
        double[] q = new double[k * s];
        double[] r = new double[k];
        double[] norms = new double[k];
        new HouseholderQr().factor(z.clone(), k, s, q, r, norms);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (int l = 0; l < s; l++) {
                    d += q[i * s + l] * q[j * s + l];
                }
                assertEquals(i == j ? 1.0 : 0.0, d, 1e-13, "QᵀQ[" + i + "," + j + "]");
            }
            assertTrue(r[i] > 0, "diag(R) > 0");
        }
        // R = QᵀZ must be upper triangular with the returned diagonal, and Q R must give Z back.
        double[][] rr = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < s; l++) {
                    rr[i][j] += q[i * s + l] * z[j * s + l];
                }
            }
            assertEquals(r[i], rr[i][i], 1e-12);
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, rr[i][j], 1e-12, "R[" + i + "," + j + "] below the diagonal");
            }
        }
        for (int j = 0; j < k; j++) {
            double n2 = 0;
            for (int l = 0; l < s; l++) {
                double v = 0;
                for (int i = 0; i <= j; i++) {
                    v += q[i * s + l] * rr[i][j];
                }
                assertEquals(z[j * s + l], v, 1e-12);
                n2 += z[j * s + l] * z[j * s + l];
            }
            assertEquals(Math.sqrt(n2), norms[j], 1e-12);
        }
    }

    @Test
    void zeroAndTinyColumnsGiveZeroOrTinyDiagonalAndStayOrthonormal() {
        int s = 6;
        int k = 3;
        double[] z = new double[k * s];
        z[0] = 1e-200;           // column 0: tiny but representable, squares underflow
        z[2 * s + 3] = 2.0;      // column 2, outside the span of e_0 and e_1; column 1 is zero
        double[] q = new double[k * s];
        double[] r = new double[k];
        new HouseholderQr().factor(z, k, s, q, r, null);
        assertEquals(1e-200, r[0], 1e-214);
        assertEquals(0.0, r[1]);
        assertEquals(2.0, r[2], 1e-15);
        for (int i = 0; i < k; i++) {
            double d = 0;
            for (int l = 0; l < s; l++) {
                d += q[i * s + l] * q[i * s + l];
            }
            assertEquals(1.0, d, 1e-14);
        }
    }
}
