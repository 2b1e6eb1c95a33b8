package io.aelle.monitor.record;

/** One scored verdict: which confusion table (study, predictor, fraction bucket) and which cell gains one. */
public class ConfusionIncrement {

    public String studyId;
    /** {@link io.aelle.monitor.score.PredictorLabel#tag()}. */
    public String predictor;
    /** {@link io.aelle.monitor.score.FractionBucket#of(double)}. */
    public String fraction;
    /** {@link io.aelle.monitor.score.Cell#tag()}. */
    public String cell;

    public ConfusionIncrement() {}

    public ConfusionIncrement(String studyId, String predictor, String fraction, String cell) {
        this.studyId = studyId;
        this.predictor = predictor;
        this.fraction = fraction;
        this.cell = cell;
    }

    /** The key of the table it belongs to. */
    public String tableKey() {
        return studyId + '|' + predictor + '|' + fraction;
    }
}
