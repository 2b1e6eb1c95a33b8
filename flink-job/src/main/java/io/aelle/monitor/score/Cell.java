package io.aelle.monitor.score;

import java.util.Locale;

/** A confusion-table cell; the positive class is "low error" (the run's final loss below the study's threshold). */
public enum Cell {
    TP, FP, FN, TN;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Cell of(boolean predictedLowError, boolean actualLowError) {
        if (predictedLowError) {
            return actualLowError ? TP : FP;
        }
        return actualLowError ? FN : TN;
    }
}
