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
 */
public enum TangentPrecision {
    /** float32 Jacobians, float64 basis: within the golden float32 tolerances. The default. */
    MIXED(DataType.FLOAT64),
    /** Everything float32: for GPUs with slow float64; the weakest exponents of saturating networks drift (see above). */
    FLOAT32(DataType.FLOAT32);

    final DataType basisType;

    TangentPrecision(DataType basisType) {
        this.basisType = basisType;
    }
}
