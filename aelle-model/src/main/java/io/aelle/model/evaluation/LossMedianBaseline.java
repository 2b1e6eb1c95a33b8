package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossMedianRule;
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
        return new LossMedianBaseline(LossQuantiles.of(train), LossMedianRule.lowErrorShare(train, threshold));
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
