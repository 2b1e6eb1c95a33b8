package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.training.SparseMask;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DsaeEncoderTest {

    @Test
    void stateLayoutAndZeroingRules() {
        DsaeLayout l = new DsaeLayout(5, 3, 2, true);
        assertEquals(11, l.size());
        double[] s = l.initialState(new double[] {1, 2, 3, 4, 5});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 0, 0, 0, 0, 0, DsaeLayout.Y0}, s);
        double[] encoded = {9, 9, 9, 9, 9, 7, 8, 6, 9, 9, 9};
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 7, 8, 6, 0, 0, 0}, l.latentOnly(encoded));
        assertEquals(10, l.targetIndex());
        assertEquals(-1, new DsaeLayout(5, 3, 2, false).targetIndex());
    }

    @Test
    void forwardPassMatchesHandIterationAndHasTheRightShapes() {
        DsaeLayout l = new DsaeLayout(3, 2, 1, true);
        int n = l.size();
        Random r = new Random(4);
        double[] a = new double[n * n];
        double[] b = new double[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.4 * r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            b[i] = 0.1 * r.nextGaussian();
        }
        DsaeEncoder enc = new DsaeEncoder(l, a, b, 2);
        double[] x = {0.3, -0.5, 0.1};
        // by hand: s ← tanh(A s + b) twice from [x; 0 0; 0; 0.1]
        double[] s = {0.3, -0.5, 0.1, 0, 0, 0, 0.1};
        for (int k = 0; k < 2; k++) {
            s = step(a, b, s);
        }
        double[] dec = {0, 0, 0, s[3], s[4], 0, 0};
        for (int k = 0; k < 2; k++) {
            dec = step(a, b, dec);
        }
        Encoding e = enc.encode(x);
        assertEquals(2, e.latent().length);
        assertArrayEquals(new double[] {s[3], s[4]}, e.latent(), 1e-15);
        assertEquals(dec[6], e.target(), 1e-15);
        assertEquals(n, enc.decodeState(enc.encodeState(x)).length);
        assertTrue(Double.isNaN(new DsaeEncoder(new DsaeLayout(3, 2, 1, false), new double[36], new double[6], 2).encode(x).target()));
    }

    private static double[] step(double[] a, double[] b, double[] s) {
        int n = s.length;
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int j = 0; j < n; j++) {
                v += a[i * n + j] * s[j];
            }
            o[i] = Math.tanh(v);
        }
        return o;
    }

    @Test
    void sparseParameterCountIsMaskNonZerosPlusBias() {
        DsaeLayout l = new DsaeLayout(40, 10, 6, false);
        int n = l.size();   // 56
        boolean[] m = SparseMask.draw(l, 0.1, 3);
        int dense = n * n - 50 * 50;          // every entry in a j row or column
        int sparse = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                sparse += m[i * n + j] ? 1 : 0;
            }
        }
        assertEquals(dense + sparse, SparseMask.nonZeros(m));
        assertEquals(dense + sparse + n, SparseMask.parameterCount(m, l));
        assertTrue(sparse > 180 && sparse < 320, "about 10% of the 2500 x/h entries: " + sparse);
        for (int i = 50; i < n; i++) {
            assertTrue(m[i * n] && m[i], "j rows and columns are dense");
        }
        assertArrayEquals(m, SparseMask.draw(l, 0.1, 3), "the mask is fixed by its seed");
    }
}
