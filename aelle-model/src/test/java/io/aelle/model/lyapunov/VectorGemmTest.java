package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorGemmTest {

    @ParameterizedTest(name = "{0}x{1} times {1}x{2}")
    @CsvSource({"1,1,1", "5,7,3", "6,16,16", "13,300,37", "97,257,130", "12,512,512"})
    void matchesNaiveProductPlainAndTransposed(int m, int k, int n) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + k * 7L + n);
        double[] a = random(rnd, m * k);
        double[] b = random(rnd, k * n);
        double[] bt = new double[n * k];
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < n; j++) {
                bt[j * k + l] = b[l * n + j];
            }
        }
        VectorGemm gemm = new VectorGemm();
        double[] c = new double[m * n];
        double[] ct = new double[m * n];
        gemm.multiply(a, m, k, b, false, n, c);
        gemm.multiply(a, m, k, bt, true, n, ct);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int l = 0; l < k; l++) {
                    expected += a[i * k + l] * b[l * n + j];
                }
                assertEquals(expected, c[i * n + j], 1e-12 * k, "C[" + i + "," + j + "]");
                assertEquals(c[i * n + j], ct[i * n + j], 0.0, "transposed packing gives the same bits");
            }
        }
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        return d;
    }
}
