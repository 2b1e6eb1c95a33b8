package io.aelle.model.dataset;

import io.aelle.wire.RunTruth;

/**
 * One checkpoint of a study: a run at one epoch, with the run's final outcome and the checkpoint's spectrum
 * interpolated to the study's common length.
 *
 * @param hparams     the run's hyperparameters as JSON text ("{}" when unknown)
 * @param valLoss     validation loss at this epoch (NaN when the checkpoint did not record one)
 * @param finalLoss   the run's final validation loss as {@link RunTruth#scoredFinalLoss} scores it: +Infinity for a
 *                    failed run, NaN for a run stopped early (unscored)
 * @param rawLength   the spectrum's length before interpolation (the network's hidden size)
 */
public record DatasetRow(String runId, String hparams, int epoch, int totalEpochs, double valLoss, double finalLoss,
                         int rawLength, double[] spectrum) {

    public double fraction() {
        return (double) epoch / totalEpochs;
    }

    /** Fraction rounded to 4 decimals, the key rows are grouped by in reports. */
    public double fractionKey() {
        return Math.round(fraction() * 1e4) / 1e4;
    }

    /** {@link RunTruth}'s low-error rule on this row's final loss (already the scored loss: +Infinity for a failed run). */
    public boolean lowError(double threshold) {
        return RunTruth.isLowError(finalLoss, threshold);
    }

    /**
     * Whether the run has a truth to score against ({@link RunTruth}): a finite final loss, or +Infinity for a run that
     * failed. NaN = no truth (a run stopped early).
     */
    public boolean scored() {
        return !Double.isNaN(finalLoss);
    }

    public String key() {
        return runId + "@" + epoch;
    }
}
