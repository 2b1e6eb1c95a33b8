package io.aelle.model.lyapunov.djl;

import ai.djl.ndarray.types.DataType;

/**
 * Precision of the tangent basis Q, the product J·Q (or Jᵀ·Q) and its orthonormalisation. The forward pass and the
 * Jacobians are always float32.
 *
 * <p>Measured on the golden cases (CPU device): with everything in float32 the weakest exponent of
 * {@code rnn_h16_bias} (reference convention, sequence 2) is off by 9.9e-4 bits/step against a float32 tolerance of
 * 3.3e-4; a float64 QR alone still leaves 5.8e-4; a float64 basis brings every case inside its tolerance. Steps where
 * the tanh units saturate make R_kk tiny next to ‖J‖, and the float32 rounding of the product and of the projections
 * (both of size ε‖J‖) then biases the weakest R_kk upwards.
 *
 * <p>Each precision also sets the guard of orthonormalising every m steps (see {@link DjlSpectrumEngine}): a block of
 * steps multiplied out before one QR loses about ε / spread of the weak directions' relative accuracy, where spread =
 * min_j R_jj / max_j R_jj of the block, so the target spread and the rejection ratio scale with the basis's ε. The
 * float64 values are the CPU engine's (the rounding of the float32 Jacobians themselves is the same whether their
 * product is factorised once or step by step: both factorise the same product).
 */
public enum TangentPrecision {
    /** float32 Jacobians, float64 basis: within the golden float32 tolerances. The default. */
    MIXED(DataType.FLOAT64, 1e-6, 1e-8),
    /** Everything float32: for GPUs with slow float64; the weakest exponents of saturating networks drift (see above). */
    FLOAT32(DataType.FLOAT32, 1e-2, 1e-4);

    final DataType basisType;
    /** Aimed-for min_j R_jj / max_j R_jj of a block of steps. */
    final double targetSpread;
    /** Below this min_j R_jj / max_j ‖z_j‖ in any sequence a block is redone step by step. */
    final double guardRatio;

    TangentPrecision(DataType basisType, double targetSpread, double guardRatio) {
        this.basisType = basisType;
        this.targetSpread = targetSpread;
        this.guardRatio = guardRatio;
    }
}
