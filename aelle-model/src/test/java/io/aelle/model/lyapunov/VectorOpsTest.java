package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorOpsTest {

    private static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** The exact dot product, rounded once. */
    private static double exactDot(double[] x, int xo, double[] y, int yo, int len) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < len; i++) {
            s = s.add(new BigDecimal(x[xo + i]).multiply(new BigDecimal(y[yo + i])));
        }
        return s.round(MathContext.DECIMAL128).doubleValue();
    }

    @Test
    void dotMatchesTheExactSumForEveryLengthAndOffset() {
        Random r = new Random(1);
        double[] lanes = new double[VectorOps.V];
        for (int len = 0; len <= 4 * VectorOps.V + 3; len++) {
            for (int off : new int[] {0, 1, 3}) {
                double[] x = random(r, len + off + 2);
                double[] y = random(r, len + off + 5);
                double got = VectorOps.dot(x, off, y, off + 2, len, lanes);
                double abs = 0;
                for (int i = 0; i < len; i++) {
                    abs += Math.abs(x[off + i] * y[off + 2 + i]);
                }
                // a compensated bound: n ulps of the sum of magnitudes
                assertEquals(exactDot(x, off, y, off + 2, len), got, (len + 1) * Math.ulp(abs) + 0.0, "len " + len + " offset " + off);
            }
        }
    }

    @Test
    void dotIsBitIdenticalFromCallToCall() {
        Random r = new Random(2);
        double[] x = random(r, 1001);
        double[] y = random(r, 1001);
        double first = VectorOps.dot(x, 0, y, 0, 1001, new double[VectorOps.V]);
        for (int i = 0; i < 20_000; i++) {   // long enough for the JIT to compile dot
            assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(VectorOps.dot(x, 0, y, 0, 1001, new double[VectorOps.V])));
        }
    }

    @Test
    void axpyAndScaledTouchOnlyTheirRange() {
        Random r = new Random(3);
        for (int len = 0; len <= 3 * VectorOps.V + 1; len++) {
            double[] x = random(r, len + 4);
            double[] y = random(r, len + 6);
            double[] want = y.clone();
            for (int i = 0; i < len; i++) {
                want[3 + i] = Math.fma(-0.75, x[1 + i], want[3 + i]);
            }
            VectorOps.axpy(-0.75, x, 1, y, 3, len);
            assertArrayEquals(want, y, 0.0, "axpy len " + len);

            double[] z = random(r, len + 6);
            double[] wantZ = z.clone();
            for (int i = 0; i < len; i++) {
                wantZ[2 + i] = 2.5 * x[i];
            }
            VectorOps.scaled(2.5, x, 0, z, 2, len);
            assertArrayEquals(wantZ, z, 0.0, "scaled len " + len);
        }
    }
}
