package io.aelle.model.embedding;

/**
 * An encoder's output for one normalised spectrum.
 *
 * @param latent the latent vector the PCA plane is fitted on
 * @param target the prediction head's output in normalised target units; NaN when the encoder has no head
 */
public record Encoding(double[] latent, double target) {
}
