package io.aelle.model.lyapunov.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Thin QR of a batch of tall matrices Z (C, B, D, k) with NDArray operations only: classical Gram–Schmidt with one
 * full re-orthogonalisation per column (CGS2, "twice is enough"), left-looking.
 *
 * <p>Why this method. DJL's NDArray has no QR. Cholesky-QR (R from the Cholesky factor of ZᵀZ) squares the
 * condition number, and the Jacobian products of saturated networks have κ far beyond 1/√ε of float32, so it breaks
 * down exactly where the weak exponents live. CGS2 keeps ‖QᵀQ − I‖ = O(ε) whenever κ(Z)·ε < 1, like Householder and
 * column-wise MGS2 (Giraud, Langou, Rozložník, Numer. Math. 2005), and unlike Householder or MGS each projection is
 * one batched matrix product against all previous columns instead of j rank-1 updates, so it needs about 8 device
 * operations per column rather than O(j): the loop over k columns is the latency floor on a GPU.
 *
 * <p>R_jj is the norm of the re-orthogonalised column, so diag(R) ≥ 0 by construction: this is the QR with a
 * positive diagonal the spectrum needs, without a sign fix-up. A column that vanishes (R_jj = 0, a Jacobian that
 * annihilates a direction) is divided by the smallest normal float instead, leaving a zero column: that direction's
 * later R_jj stay 0, and the caller floors them before the log.
 */
final class BatchedGramSchmidt {

    private BatchedGramSchmidt() {
    }

    /** Q (C, B, D, k) with orthonormal columns and diag(R) (C, B, k), R_jj ≥ 0. */
    record Result(NDArray q, NDArray rDiagonal) {
    }

    static Result orthonormalize(NDArray z) {
        Shape s = z.getShape();
        int k = (int) s.get(3);
        NDArray q = z.zerosLike();
        NDList norms = new NDList(k);
        for (int j = 0; j < k; j++) {
            NDIndex column = new NDIndex(":, :, :, {}:{}", j, j + 1);
            NDArray v = z.get(column);
            if (j > 0) {
                // Coefficients as the row vᵀ·Q (only the thin v is transposed, never the basis, a strided view of q).
                NDArray basis = q.get(new NDIndex(":, :, :, :{}", j));
                for (int pass = 0; pass < 2; pass++) {
                    NDArray coefficients = v.transpose(0, 1, 3, 2).matMul(basis);
                    v = v.sub(basis.matMul(coefficients.transpose(0, 1, 3, 2)));
                }
            }
            NDArray norm = v.norm(new int[] {2}, true);
            q.set(column, v.div(norm.maximum(Float.MIN_NORMAL)));
            norms.add(norm.reshape(s.get(0), s.get(1)));
        }
        return new Result(q, NDArrays.stack(norms, 2));
    }
}
