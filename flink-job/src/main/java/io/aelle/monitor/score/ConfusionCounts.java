package io.aelle.monitor.score;

import io.aelle.model.confusion.Confusion;

/**
 * Running confusion counts of one (study, predictor, fraction bucket): the mutable Flink POJO kept in keyed
 * state (public fields, no-arg constructor). Scores come from the evaluation's {@link Confusion}, so the live
 * gauges and the offline report use one definition.
 */
public class ConfusionCounts {

    public long tp;
    public long fp;
    public long fn;
    public long tn;

    public ConfusionCounts() {}

    public ConfusionCounts(long tp, long fp, long fn, long tn) {
        this.tp = tp;
        this.fp = fp;
        this.fn = fn;
        this.tn = tn;
    }

    public ConfusionCounts add(Cell cell) {
        switch (cell) {
            case TP -> tp++;
            case FP -> fp++;
            case FN -> fn++;
            case TN -> tn++;
        }
        return this;
    }

    public long count(Cell cell) {
        return switch (cell) {
            case TP -> tp;
            case FP -> fp;
            case FN -> fn;
            case TN -> tn;
        };
    }

    public Confusion table() {
        return new Confusion(tp, fp, fn, tn);
    }

    public ConfusionCounts copy() {
        return new ConfusionCounts(tp, fp, fn, tn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionCounts c && c.table().equals(table());
    }

    @Override
    public int hashCode() {
        return table().hashCode();
    }

    @Override
    public String toString() {
        return "tp=" + tp + " fp=" + fp + " fn=" + fn + " tn=" + tn;
    }
}
