package io.aelle.producer.listener;

/** What the listener does with the monitor's verdicts. */
public enum VerdictMode {
    /** Ignore verdicts: only publish checkpoints and the outcome. */
    OFF,
    /** Log each verdict for the run. */
    ADVISORY,
    /** End training after the epoch on a LIKELY_HIGH_ERROR verdict, once past the minimum training fraction. */
    STOP
}
