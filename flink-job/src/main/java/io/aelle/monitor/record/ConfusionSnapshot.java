package io.aelle.monitor.record;

import io.aelle.monitor.score.ConfusionCounts;

/** The current counts of one confusion table, emitted after each change. */
public class ConfusionSnapshot {

    public String studyId;
    public String predictor;
    public String fraction;
    public ConfusionCounts counts;

    public ConfusionSnapshot() {}

    public ConfusionSnapshot(String studyId, String predictor, String fraction, ConfusionCounts counts) {
        this.studyId = studyId;
        this.predictor = predictor;
        this.fraction = fraction;
        this.counts = counts;
    }
}
