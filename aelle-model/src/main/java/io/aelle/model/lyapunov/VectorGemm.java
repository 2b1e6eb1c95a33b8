package io.aelle.model.lyapunov;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense double-precision C = A · op(B) on the JDK Vector API, row-major, cache- and register-blocked in the
 * GotoBLAS manner: op(B) is packed into panels of {@link #NR} columns (the transpose, when asked, is taken
 * while packing), blocks of {@link #KC} along the inner dimension keep a panel in L1 and a block of
 * {@link #MC} rows of A in L2, and a 6 × NR micro-kernel keeps 12 vector accumulators in registers.
 *
 * <p>Deterministic: every element of C is accumulated with fused multiply-adds in an order fixed by the
 * sizes alone, so results are bit-identical between runs and threads. One instance
 * per thread: it owns its packing buffer.
 */
final class VectorGemm {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();
    /** Micro-kernel: MR rows of A by NR = 2 vectors of columns. */
    static final int MR = 6;
    static final int NR = 2 * V;
    static final int KC = 256;
    static final int MC = 96;

    private double[] packed = new double[0];

    /**
     * C (m × n) = A (m × k) · op(B); op(B) = B (k × n) or, with {@code transposeB}, Bᵀ where B is (n × k).
     * C must not alias A or B.
     */
    void multiply(double[] a, int m, int k, double[] b, boolean transposeB, int n, double[] c) {
        int panels = (n + NR - 1) / NR;
        int need = panels * k * NR;
        if (packed.length < need) {
            packed = new double[need];
        }
        pack(b, transposeB, k, n, panels);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean first = pc == 0;
            for (int ic = 0; ic < m; ic += MC) {
                int mEnd = Math.min(ic + MC, m);
                for (int jp = 0; jp < panels; jp++) {
                    int col = jp * NR;
                    int width = Math.min(NR, n - col);
                    int bOff = (jp * k + pc) * NR;
                    int i = ic;
                    for (; i + MR <= mEnd; i += MR) {
                        kernel6(a, i, k, pc, kc, packed, bOff, c, n, col, width, first);
                    }
                    for (; i < mEnd; i++) {
                        kernel1(a, i, k, pc, kc, packed, bOff, c, n, col, width, first);
                    }
                }
            }
        }
    }

    private void pack(double[] b, boolean transposeB, int k, int n, int panels) {
        for (int jp = 0; jp < panels; jp++) {
            int col = jp * NR;
            int width = Math.min(NR, n - col);
            int base = jp * k * NR;
            for (int l = 0; l < k; l++) {
                int dst = base + l * NR;
                if (transposeB) {
                    for (int cc = 0; cc < width; cc++) {
                        packed[dst + cc] = b[(col + cc) * k + l];
                    }
                } else {
                    System.arraycopy(b, l * n + col, packed, dst, width);
                }
                for (int cc = width; cc < NR; cc++) {
                    packed[dst + cc] = 0.0;
                }
            }
        }
    }

    private static void kernel6(double[] a, int i, int k, int pc, int kc, double[] bp, int bOff,
                                double[] c, int n, int col, int width, boolean first) {
        DoubleVector c00 = DoubleVector.zero(SPECIES);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        int a0 = i * k + pc;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        int a4 = a3 + k;
        int a5 = a4 + k;
        int bo = bOff;
        for (int l = 0; l < kc; l++, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bp, bo + V);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + l]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[a1 + l]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[a2 + l]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[a3 + l]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, a[a4 + l]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, a[a5 + l]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        int r = i * n + col;
        store(c, r, c00, c01, width, first);
        store(c, r + n, c10, c11, width, first);
        store(c, r + 2 * n, c20, c21, width, first);
        store(c, r + 3 * n, c30, c31, width, first);
        store(c, r + 4 * n, c40, c41, width, first);
        store(c, r + 5 * n, c50, c51, width, first);
    }

    private static void kernel1(double[] a, int i, int k, int pc, int kc, double[] bp, int bOff,
                                double[] c, int n, int col, int width, boolean first) {
        DoubleVector c0 = DoubleVector.zero(SPECIES);
        DoubleVector c1 = c0;
        int a0 = i * k + pc;
        int bo = bOff;
        for (int l = 0; l < kc; l++, bo += NR) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + l]);
            c0 = x.fma(DoubleVector.fromArray(SPECIES, bp, bo), c0);
            c1 = x.fma(DoubleVector.fromArray(SPECIES, bp, bo + V), c1);
        }
        store(c, i * n + col, c0, c1, width, first);
    }

    /** Writes (or, after the first inner block, adds) two accumulators to C, masked at the right edge. */
    private static void store(double[] c, int off, DoubleVector v0, DoubleVector v1, int width, boolean first) {
        if (width == NR) {
            if (!first) {
                v0 = DoubleVector.fromArray(SPECIES, c, off).add(v0);
                v1 = DoubleVector.fromArray(SPECIES, c, off + V).add(v1);
            }
            v0.intoArray(c, off);
            v1.intoArray(c, off + V);
            return;
        }
        VectorMask<Double> m0 = SPECIES.indexInRange(0, width);
        VectorMask<Double> m1 = SPECIES.indexInRange(V, width);
        if (!first) {
            v0 = DoubleVector.fromArray(SPECIES, c, off, m0).add(v0);
            v1 = DoubleVector.fromArray(SPECIES, c, off + V, m1).add(v1);
        }
        v0.intoArray(c, off, m0);
        v1.intoArray(c, off + V, m1);
    }
}
