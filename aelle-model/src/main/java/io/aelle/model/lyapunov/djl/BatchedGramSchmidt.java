package io.aelle.model.lyapunov.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Thin QR of a batch of tall matrices Z (C, B, D, k) with NDArray operations only: block classical Gram–Schmidt
 * with re-orthogonalisation (BCGS2), in panels of {@code panelWidth} columns.
 *
 * <p>Why this method. DJL's NDArray has no QR. Cholesky-QR (R from the Cholesky factor of ZᵀZ) squares the
 * condition number, and the Jacobian products of saturated networks have κ far beyond 1/√ε of float32, so it breaks
 * down exactly where the weak exponents live. Classical Gram–Schmidt run twice ("twice is enough": Giraud, Langou,
 * Rozložník, Numer. Math. 2005) keeps ‖QᵀQ − I‖ = O(ε) whenever κ(Z)·ε < 1, like Householder, and each of its
 * projections is a matrix product instead of a chain of rank-1 updates.
 *
 * <p>Panels. Column by column, CGS2 costs 11 device operations (JNI calls; kernel launches on a GPU) per column, and
 * its projections are thin matrix–vector products against up to k columns. Here a panel first has all previous
 * panels projected out, twice, by two matrix–matrix products per pass (BLAS-3), then is orthonormalised column by
 * column against its own earlier columns only (CGS2 inside the panel): about 11 operations per column plus 15 per
 * panel, and all but a share of about p/k of the flops in matrix–matrix products. The projection against the previous
 * panels is exact only to ε times the panel's norm, and the panel's own QR divides by R_jj, so a column nearly
 * dependent on its panel's earlier columns keeps a component ε‖z_j‖/R_jj along the previous panels; one more
 * projection of the finished panel (Barlow and Smoktunowicz's second block pass, without its second panel QR)
 * removes it, leaving the panel's columns orthogonal to O(ε) against the previous panels and to O((ε‖z_j‖/R_jj)²)
 * among themselves. A panel width of at least k is plain column CGS2.
 *
 * <p>R_jj is the norm of the re-orthogonalised column, so diag(R) ≥ 0 by construction: this is the QR with a
 * positive diagonal the spectrum needs, without a sign fix-up. A column that vanishes (R_jj = 0, a Jacobian that
 * annihilates a direction) is divided by the smallest normal number of the basis type instead, leaving a zero column:
 * that direction's later R_jj stay 0, and the caller floors them before the log.
 */
final class BatchedGramSchmidt {

    private BatchedGramSchmidt() {
    }

    /** Q (C, B, D, k) with orthonormal columns and diag(R) (C, B, k), R_jj ≥ 0. */
    record Result(NDArray q, NDArray rDiagonal) {
    }

    /** The smallest normal number of a basis type: the floor of R_jj as a divisor and before the log. */
    static double floor(DataType type) {
        return type == DataType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    }

    /**
     * The QR of {@code z} (C, B, D, k) by panels of {@code panelWidth} columns (the last panel may be narrower);
     * {@code panelWidth ≥ k} is column-by-column CGS2.
     */
    static Result orthonormalize(NDArray z, int panelWidth) {
        if (panelWidth < 1) {
            throw new IllegalArgumentException("panel width must be >= 1, got " + panelWidth);
        }
        Shape s = z.getShape();
        int k = (int) s.get(3);
        double floor = floor(z.getDataType());
        NDArray q = z.zerosLike();
        NDList norms = new NDList(k);
        for (int j0 = 0; j0 < k; j0 += panelWidth) {
            int j1 = Math.min(k, j0 + panelWidth);
            NDArray panel = z.get(columns(j0, j1));
            NDArray previous = null;
            NDArray previousT = null;
            if (j0 > 0) {
                previous = q.get(columns(0, j0));
                previousT = previous.transpose(0, 1, 3, 2);
                panel = project(project(panel, previous, previousT), previous, previousT);
            }
            orthonormalizeWithin(panel, q, j0, floor, norms);
            if (j0 > 0) {
                NDIndex finished = columns(j0, j1);
                q.set(finished, project(q.get(finished), previous, previousT));
            }
        }
        return new Result(q, NDArrays.concat(norms, 3).reshape(s.get(0), s.get(1), k));
    }

    /** v − P·(Pᵀ·v) for P with orthonormal columns. */
    private static NDArray project(NDArray v, NDArray basis, NDArray basisT) {
        return v.sub(basis.matMul(basisT.matMul(v)));
    }

    /**
     * CGS2 of {@code panel} against its own earlier columns, writing Q into columns [j0, j0 + width) of {@code q}
     * and each ‖column‖ (C, B, 1, 1) into {@code norms}.
     */
    private static void orthonormalizeWithin(NDArray panel, NDArray q, int j0, double floor, NDList norms) {
        int width = (int) panel.getShape().get(3);
        NDList columns = width == 1 ? new NDList(panel) : panel.split(width, 3);
        for (int i = 0; i < width; i++) {
            NDArray v = columns.get(i);
            if (i > 0) {
                NDArray earlier = q.get(columns(j0, j0 + i));
                NDArray earlierT = earlier.transpose(0, 1, 3, 2);
                v = project(project(v, earlier, earlierT), earlier, earlierT);
            }
            norms.add(v.norm(new int[] {2}, true));
            q.set(columns(j0 + i, j0 + i + 1), v.normalize(2, 2, floor));
        }
    }

    private static NDIndex columns(int from, int to) {
        return new NDIndex(":, :, :, {}:{}", from, to);
    }
}
