package io.aelle.model.confusion;

/**
 * A confusion table with "low final error" as the positive class. Undefined ratios (no predicted or no actual
 * positives) are reported as 0, so a predictor that never says "low error" scores F1 = 0.
 */
public record Confusion(long tp, long fp, long fn, long tn) {

    public static Confusion of(boolean[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predictions and labels differ in length: " + predicted.length + " vs " + actual.length);
        }
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                if (actual[i]) tp++; else fp++;
            } else {
                if (actual[i]) fn++; else tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    public Confusion plus(Confusion o) {
        return new Confusion(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
    }

    public long total() {
        return tp + fp + fn + tn;
    }

    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double f1() {
        return 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
