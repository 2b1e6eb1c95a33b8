package io.aelle.model.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The content of report.json, a contract other tools read (issue 5). {@code runs} counts train / validation / test
 * runs; under k-fold cross-validation it also holds {@code folds}, test counts every run and train / validation are
 * the per-fold averages (rounded).
 *
 * <p>{@code unavailable} names the baselines and feature sets the study could not have, with the reason (a study whose
 * runs carry no hparams has no {@code hparams} predictor: it is unavailable, not F1 0); absent when all were fitted.
 */
@JsonPropertyOrder({"study", "loss_threshold", "loss_threshold_rule", "runs", "unavailable", "rows", "comparisons"})
public record Report(String study, @JsonProperty("loss_threshold") double lossThreshold,
                     @JsonProperty("loss_threshold_rule") String lossThresholdRule, Map<String, Long> runs,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> unavailable, List<ReportRow> rows,
                     List<Comparison> comparisons) {

    public Report(String study, double lossThreshold, String lossThresholdRule, Map<String, Long> runs, List<ReportRow> rows,
                  List<Comparison> comparisons) {
        this(study, lossThreshold, lossThresholdRule, runs, Map.of(), rows, comparisons);
    }

    /** A report whose threshold is the probe's, without comparisons. */
    public Report(String study, double lossThreshold, Map<String, Long> runs, List<ReportRow> rows) {
        this(study, lossThreshold, "probe", runs, rows, List.of());
    }

    public Report withRule(String rule) {
        return new Report(study, lossThreshold, rule, runs, unavailable, rows, comparisons);
    }

    public Report withUnavailable(Map<String, String> reasons) {
        return new Report(study, lossThreshold, lossThresholdRule, runs, reasons, rows, comparisons);
    }

    public boolean crossValidated() {
        return runs.containsKey("folds");
    }
}
