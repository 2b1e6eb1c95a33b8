package io.aelle.model.lyapunov;

/**
 * Lyapunov spectra of one checkpoint driven by B input sequences, exponents in QR column order.
 *
 * @param perSequence B spectra, one per input sequence
 * @param mean        their average: the checkpoint's spectrum
 */
public record SpectrumResult(double[][] perSequence, double[] mean) {

    public static SpectrumResult ofPerSequence(double[][] perSequence) {
        if (perSequence.length == 0) {
            throw new IllegalArgumentException("no spectra to average: the probe has no sequences");
        }
        int k = perSequence[0].length;
        double[] mean = new double[k];
        for (double[] s : perSequence) {
            if (s.length != k) {
                throw new IllegalArgumentException("spectra of different lengths to average: " + s.length + " and " + k);
            }
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
