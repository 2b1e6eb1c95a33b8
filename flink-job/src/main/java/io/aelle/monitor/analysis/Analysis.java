package io.aelle.monitor.analysis;

/**
 * What the analyzer says about one checkpoint.
 *
 * @param likelyLowError the embedding classifier's verdict (false when not {@code projected})
 * @param spectrumNanos  time spent computing the Lyapunov spectrum
 * @param spectrum       the raw Lyapunov spectrum, kept so that a bundle that arrives later can project it
 * @param projected      whether a study model projected it; false when the analyzer has none for the study (the
 *                       study's bundle, if any, comes from the bundles table: {@code BundleVerdicts})
 */
public record Analysis(double pc1, double pc2, double predictedFinalLoss, boolean likelyLowError,
                       double spectrumMax, double spectrumMean, long spectrumNanos, double[] spectrum, boolean projected) {

    /** A projected analysis without its raw spectrum. */
    public Analysis(double pc1, double pc2, double predictedFinalLoss, boolean likelyLowError,
                    double spectrumMax, double spectrumMean, long spectrumNanos) {
        this(pc1, pc2, predictedFinalLoss, likelyLowError, spectrumMax, spectrumMean, spectrumNanos, null, true);
    }
}
