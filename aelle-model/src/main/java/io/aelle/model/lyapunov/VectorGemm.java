package io.aelle.model.lyapunov;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense double-precision C = A · op(B) on the JDK Vector API, row-major, cache- and register-blocked in the
 * GotoBLAS manner: op(B) is packed into panels of {@link #NR} columns (the transpose, when asked, is taken
 * while packing), blocks of {@link #KC} along the inner dimension keep a panel in L1 and a block of
 * {@link #MC} rows of A in L2, and a 6 × NR micro-kernel keeps 12 vector accumulators in registers (about 40
 * GFLOP/s at N = 256 and 512 on the project machine's AVX-512 core; an 8 × 3-vector kernel measured 8 times
 * slower on JDK 17, whose C2 then gives up keeping the vectors in registers).
 *
 * <p>Deterministic: every element of C is accumulated with fused multiply-adds in an order fixed by the
 * sizes alone, so results are bit-identical between runs and threads. One instance
 * per thread: it owns its packing buffer.
 */
public final class VectorGemm {

    static final VectorSpecies<Double> SPECIES = VectorOps.SPECIES;
    static final int V = VectorOps.V;
    /** Micro-kernel: MR rows of A by NR = 2 vectors of columns. */
    static final int MR = 6;
    static final int NR = 2 * V;
    static final int KC = 256;
    static final int MC = 96;

    private double[] packed = new double[0];

    /**
     * C (m × n) = A (m × k) · op(B); op(B) = B (k × n) or, with {@code transposeB}, Bᵀ where B is (n × k).
     * All dense, row-major, unpadded. C must not alias A or B.
     */
    public void multiply(double[] a, int m, int k, double[] b, boolean transposeB, int n, double[] c) {
        multiply(a, 0, k, m, k, b, 0, transposeB ? k : n, transposeB, n, c, 0, n, false);
    }

    /**
     * The general form on sub-matrices: C[cOff, ldc] (m × n) = (or, with {@code accumulate}, +=)
     * A[aOff, lda] (m × k) · op(B[bOff, ldb]); every matrix row-major with the given row stride.
     */
    public void multiply(double[] a, int aOff, int lda, int m, int k, double[] b, int bOff, int ldb, boolean transposeB,
                         int n, double[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
                }
            }
            return;
        }
        int panels = (n + NR - 1) / NR;
        int need = panels * k * NR;
        if (packed.length < need) {
            packed = new double[need];
        }
        pack(b, bOff, ldb, transposeB, k, n, panels);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean first = pc == 0 && !accumulate;
            for (int ic = 0; ic < m; ic += MC) {
                int mEnd = Math.min(ic + MC, m);
                for (int jp = 0; jp < panels; jp++) {
                    int col = jp * NR;
                    int width = Math.min(NR, n - col);
                    int bp = (jp * k + pc) * NR;
                    int i = ic;
                    for (; i + MR <= mEnd; i += MR) {
                        kernel6(a, aOff + i * lda + pc, lda, kc, packed, bp, c, cOff + i * ldc + col, ldc, width, first);
                    }
                    for (; i < mEnd; i++) {
                        kernel1(a, aOff + i * lda + pc, kc, packed, bp, c, cOff + i * ldc + col, width, first);
                    }
                }
            }
        }
    }

    private void pack(double[] b, int bOff, int ldb, boolean transposeB, int k, int n, int panels) {
        for (int jp = 0; jp < panels; jp++) {
            int col = jp * NR;
            int width = Math.min(NR, n - col);
            int base = jp * k * NR;
            for (int l = 0; l < k; l++) {
                int dst = base + l * NR;
                if (transposeB) {
                    for (int cc = 0; cc < width; cc++) {
                        packed[dst + cc] = b[bOff + (col + cc) * ldb + l];
                    }
                } else {
                    System.arraycopy(b, bOff + l * ldb + col, packed, dst, width);
                }
                for (int cc = width; cc < NR; cc++) {
                    packed[dst + cc] = 0.0;
                }
            }
        }
    }

    private static void kernel6(double[] a, int a0, int lda, int kc, double[] bp, int bOff,
                                double[] c, int r, int ldc, int width, boolean first) {
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
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
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
        store(c, r, c00, c01, width, first);
        store(c, r + ldc, c10, c11, width, first);
        store(c, r + 2 * ldc, c20, c21, width, first);
        store(c, r + 3 * ldc, c30, c31, width, first);
        store(c, r + 4 * ldc, c40, c41, width, first);
        store(c, r + 5 * ldc, c50, c51, width, first);
    }

    private static void kernel1(double[] a, int a0, int kc, double[] bp, int bOff,
                                double[] c, int r, int width, boolean first) {
        DoubleVector c0 = DoubleVector.zero(SPECIES);
        DoubleVector c1 = c0;
        int bo = bOff;
        for (int l = 0; l < kc; l++, bo += NR) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + l]);
            c0 = x.fma(DoubleVector.fromArray(SPECIES, bp, bo), c0);
            c1 = x.fma(DoubleVector.fromArray(SPECIES, bp, bo + V), c1);
        }
        store(c, r, c0, c1, width, first);
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
