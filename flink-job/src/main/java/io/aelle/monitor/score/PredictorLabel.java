package io.aelle.monitor.score;

import java.util.Locale;

/**
 * Who made a verdict: the AeLLE embedding, or the loss baseline {@code loss-threshold} (current val_loss already
 * below the threshold: the paper's Table 1 column, named as the offline evaluation names it).
 * Only the live metrics' {@code predictor} label; the offline predictors are {@code evaluation.Predictor}s.
 */
public enum PredictorLabel {
    AELLE, LOSS_THRESHOLD;

    /** The metric tag value: {@code aelle} or {@code loss-threshold}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PredictorLabel ofTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
