package io.aelle.model.pca;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal components: points are centred on {@code mean} and projected onto the rows of {@code components}
 * (unit vectors, by decreasing variance). Each component's sign is fixed so that its largest-magnitude
 * entry is positive, which makes a refit on the same data reproduce the same plane.
 *
 * @param explainedVariance the variance of the training points along each component
 */
public record Pca(double[] mean, double[][] components, @JsonProperty("explained_variance") double[] explainedVariance) {

    public Pca {
        for (double[] c : components) {
            if (c.length != mean.length) {
                throw new IllegalArgumentException("PCA component of length " + c.length + " for data of dimension " + mean.length);
            }
        }
    }

    /** Fits {@code k} components to the rows of {@code data} (n × d, n ≥ 2) by an SVD of the centred data. */
    public static Pca fit(double[][] data, int k) {
        int n = data.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 points, got " + n);
        }
        int d = data[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components must be in 1.." + d + ", got " + k);
        }
        double[] mean = new double[d];
        for (double[] r : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, data[i][j] - mean[j]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
        if (!svd.decompose(x)) {
            throw new IllegalStateException("PCA: SVD did not converge");
        }
        double[] sv = svd.getSingularValues();
        DMatrixRMaj vt = svd.getV(null, true);
        Integer[] order = new Integer[sv.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(sv[b], sv[a]));
        double[][] comps = new double[k][d];
        double[] variance = new double[k];
        for (int c = 0; c < k; c++) {
            int idx = c < order.length ? order[c] : -1;
            if (idx < 0) {
                break;
            }
            int argmax = 0;
            for (int j = 0; j < d; j++) {
                comps[c][j] = vt.get(idx, j);
                if (Math.abs(comps[c][j]) > Math.abs(comps[c][argmax])) {
                    argmax = j;
                }
            }
            if (comps[c][argmax] < 0) {
                for (int j = 0; j < d; j++) {
                    comps[c][j] = -comps[c][j];
                }
            }
            variance[c] = sv[idx] * sv[idx] / (n - 1);
        }
        return new Pca(mean, comps, variance);
    }

    public int dimension() {
        return mean.length;
    }

    public double[] project(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("PCA input has " + x.length + " values; expected " + mean.length);
        }
        double[] p = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += (x[j] - mean[j]) * components[c][j];
            }
            p[c] = s;
        }
        return p;
    }

    public double[][] projectAll(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = project(rows[i]);
        }
        return out;
    }
}
