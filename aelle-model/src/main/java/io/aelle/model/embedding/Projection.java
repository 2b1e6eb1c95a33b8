package io.aelle.model.embedding;

/**
 * Where one spectrum lands: its point on the study's PCA plane, the embedding's predicted final loss
 * (NaN when the embedding has no prediction head) and the classifier's verdict.
 *
 * @param likelyLowError true when the classifier places the point in the low-final-error region
 */
public record Projection(double pc1, double pc2, double predictedFinalLoss, boolean likelyLowError) {
}
