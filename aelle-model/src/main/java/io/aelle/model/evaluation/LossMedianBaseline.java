package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import java.util.List;

/**
 * Optuna's MedianPruner decision, and the AeLLE journal code's median split: at fraction f a run is low error iff
 * its current val_loss is at or below the q-quantile of the training runs' val_losses at the same checkpoint
 * fraction, q being the training runs' low-error share (q = 0.5 is the plain median split). Nothing is fitted
 * beyond those quantiles. The decision is {@link LossMedianRule}'s, the same code the streaming job runs live.
 */
public record LossMedianBaseline(LossQuantiles quantiles, double q) implements Predictor {

    public static final String NAME = "loss-median";

    public static LossMedianBaseline fit(List<DatasetRow> train, double threshold) {
        return new LossMedianBaseline(LossQuantiles.of(train), lowErrorShare(train, threshold));
    }

    /** q: the share of the training runs that ended low error (recorded in a bundle at {@code train} for the live job). */
    public static double lowErrorShare(List<DatasetRow> train, double threshold) {
        long low = train.stream().filter(r -> r.lowError(threshold)).map(DatasetRow::runId).distinct().count();
        long runs = train.stream().map(DatasetRow::runId).distinct().count();
        if (runs == 0) {
            throw new IllegalArgumentException("loss-median: no training runs");
        }
        return (double) low / runs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String classifier() {
        return "val_loss <= training q-quantile at f, q = low-error share";
    }

    @Override
    public boolean lowError(DatasetRow row) {
        return LossMedianRule.lowError(row.valLoss(), quantiles.losses(row.fractionKey()), q);
    }
}
