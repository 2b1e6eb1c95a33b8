package io.aelle.monitor.analysis;

/**
 * What the analyzer says about one checkpoint.
 *
 * @param likelyLowError the embedding classifier's verdict
 * @param spectrumNanos  time spent computing the Lyapunov spectrum
 */
public record Analysis(double pc1, double pc2, double predictedFinalLoss, boolean likelyLowError,
                       double spectrumMax, double spectrumMean, long spectrumNanos) {}
