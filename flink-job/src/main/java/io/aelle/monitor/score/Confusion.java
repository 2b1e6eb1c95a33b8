package io.aelle.monitor.score;

/**
 * Confusion counts of one (study, predictor, fraction bucket) and the scores derived from them.
 * A Flink POJO (public fields, no-arg constructor): it is the value of keyed state.
 * A ratio whose denominator is zero is 0, as scikit-learn's {@code zero_division=0}.
 */
public class Confusion {

    public long tp;
    public long fp;
    public long fn;
    public long tn;

    public Confusion() {}

    public Confusion(long tp, long fp, long fn, long tn) {
        this.tp = tp;
        this.fp = fp;
        this.fn = fn;
        this.tn = tn;
    }

    public Confusion add(Cell cell) {
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

    public long total() {
        return tp + fp + fn + tn;
    }

    public double precision() {
        return ratio(tp, tp + fp);
    }

    public double recall() {
        return ratio(tp, tp + fn);
    }

    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    public Confusion copy() {
        return new Confusion(tp, fp, fn, tn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Confusion c && c.tp == tp && c.fp == fp && c.fn == fn && c.tn == tn;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tp) * 31 * 31 * 31 + Long.hashCode(fp) * 31 * 31 + Long.hashCode(fn) * 31 + Long.hashCode(tn);
    }

    @Override
    public String toString() {
        return "tp=" + tp + " fp=" + fp + " fn=" + fn + " tn=" + tn;
    }
}
