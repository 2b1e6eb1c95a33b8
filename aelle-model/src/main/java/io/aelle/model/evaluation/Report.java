package io.aelle.model.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The content of report.json, a contract other tools read (issue 5). */
@JsonPropertyOrder({"study", "loss_threshold", "loss_threshold_rule", "runs", "rows"})
public record Report(String study, @JsonProperty("loss_threshold") double lossThreshold,
                     @JsonProperty("loss_threshold_rule") String lossThresholdRule, Map<String, Long> runs, List<ReportRow> rows) {

    /** A report whose threshold is the probe's. */
    public Report(String study, double lossThreshold, Map<String, Long> runs, List<ReportRow> rows) {
        this(study, lossThreshold, "probe", runs, rows);
    }
}
