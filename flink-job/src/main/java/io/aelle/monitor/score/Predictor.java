package io.aelle.monitor.score;

import java.util.Locale;

/** Who made a verdict: the AeLLE embedding, or the loss baseline (current val_loss already below the threshold). */
public enum Predictor {
    AELLE, LOSS;

    /** The metric tag value: {@code aelle} or {@code loss}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Predictor ofTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT));
    }
}
