package io.aelle.model.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The content of report.json, a contract other tools read (issue 5). {@code runs} counts train / validation / test
 * runs; under k-fold cross-validation it also holds {@code folds}, test counts every run and train / validation are
 * the per-fold averages (rounded).
 */
@JsonPropertyOrder({"study", "loss_threshold", "loss_threshold_rule", "runs", "rows", "comparisons"})
public record Report(String study, @JsonProperty("loss_threshold") double lossThreshold,
                     @JsonProperty("loss_threshold_rule") String lossThresholdRule, Map<String, Long> runs, List<ReportRow> rows,
                     List<Comparison> comparisons) {

    /** A report whose threshold is the probe's, without comparisons. */
    public Report(String study, double lossThreshold, Map<String, Long> runs, List<ReportRow> rows) {
        this(study, lossThreshold, "probe", runs, rows, List.of());
    }

    public Report withRule(String rule) {
        return new Report(study, lossThreshold, rule, runs, rows, comparisons);
    }

    public boolean crossValidated() {
        return runs.containsKey("folds");
    }
}
