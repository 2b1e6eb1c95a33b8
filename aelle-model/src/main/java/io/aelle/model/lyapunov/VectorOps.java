package io.aelle.model.lyapunov;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Level-1 kernels on the Vector API with a fixed summation order: lane partial sums are stored and added in lane
 * order by scalar code, never left to {@code reduceLanes}, whose order may differ between interpreted and compiled
 * code. Results are therefore bit-identical on every call, thread and JIT state.
 */
final class VectorOps {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();

    private VectorOps() {}

    /** x·y over len elements; {@code lanes} is caller-owned scratch of at least {@link #V} doubles. */
    static double dot(double[] x, int xo, double[] y, int yo, int len, double[] lanes) {
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

    /** y += alpha · x over len elements. */
    static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int len) {
        DoubleVector a = DoubleVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (; i + V <= len; i += V) {
            a.fma(DoubleVector.fromArray(SPECIES, x, xo + i), DoubleVector.fromArray(SPECIES, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    /** y = alpha · x over len elements. */
    static void scaled(double alpha, double[] x, int xo, double[] y, int yo, int len) {
        DoubleVector a = DoubleVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (; i + V <= len; i += V) {
            a.mul(DoubleVector.fromArray(SPECIES, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = alpha * x[xo + i];
        }
    }
}
