package io.aelle.model.lyapunov;

/**
 * Lyapunov spectra of one checkpoint driven by B input sequences, exponents in QR column order.
 *
 * @param perSequence B spectra, one per input sequence
 * @param mean        their average: the checkpoint's spectrum
 */
public record SpectrumResult(double[][] perSequence, double[] mean) {

    public static SpectrumResult ofPerSequence(double[][] perSequence) {
        int k = perSequence[0].length;
        double[] mean = new double[k];
        for (double[] s : perSequence) {
            for (int i = 0; i < k; i++) {
                mean[i] += s[i];
            }
        }
        for (int i = 0; i < k; i++) {
            mean[i] /= perSequence.length;
        }
        return new SpectrumResult(perSequence, mean);
    }
}
