package io.aelle.model.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aelle.model.confusion.Confusion;

/**
 * One (fraction, predictor) line of report.json, computed on the test runs. A verdict at training fraction f uses each
 * run's latest checkpoint at or before f; {@code checkpointFraction} is the latest checkpoint fraction that took part
 * (equal to f when the runs have a checkpoint exactly there).
 */
@JsonPropertyOrder({"fraction", "checkpoint_fraction", "predictor", "classifier", "recall", "precision", "f1", "f1_ci95",
        "tp", "fp", "fn", "tn"})
public record ReportRow(double fraction, @JsonProperty("checkpoint_fraction") double checkpointFraction, String predictor,
                        String classifier, double recall, double precision, double f1,
                        @JsonProperty("f1_ci95") double[] f1Ci95, long tp, long fp, long fn, long tn) {

    static ReportRow of(double fraction, double checkpointFraction, String predictor, String classifier, Confusion c, double[] ci) {
        return new ReportRow(fraction, checkpointFraction, predictor, classifier, c.recall(), c.precision(), c.f1(), ci,
                c.tp(), c.fp(), c.fn(), c.tn());
    }
}
