package io.aelle.monitor.score;

import java.util.Locale;

/**
 * Who made a verdict: the AeLLE embedding, the loss baseline {@code loss-threshold} (current val_loss already
 * below the threshold: the paper's Table 1 column) or {@code loss-median} (val_loss at or below the q-quantile of the
 * study's losses at the same fraction: MedianPruner's rule), named as the offline evaluation names them.
 * Only the live metrics' {@code predictor} label; the offline predictors are {@code evaluation.Predictor}s.
 */
public enum PredictorLabel {
    AELLE, LOSS_THRESHOLD, LOSS_MEDIAN;

    /** The metric tag value: {@code aelle}, {@code loss-threshold} or {@code loss-median}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PredictorLabel ofTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
