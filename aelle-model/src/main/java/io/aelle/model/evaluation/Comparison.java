package io.aelle.model.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An embedding's F1 minus a baseline's at one training fraction, on the same test runs, with a paired 95% bootstrap
 * interval (both predictors scored on each resample of runs). The embedding earns its place over the baseline at
 * that fraction when the interval lies above zero.
 */
@JsonPropertyOrder({"fraction", "predictor", "baseline", "delta_f1", "delta_f1_ci95"})
public record Comparison(double fraction, String predictor, String baseline, @JsonProperty("delta_f1") double deltaF1,
                         @JsonProperty("delta_f1_ci95") double[] deltaF1Ci95) {

    /** True when the whole interval is above zero. */
    public boolean better() {
        return deltaF1Ci95[0] > 0;
    }
}
