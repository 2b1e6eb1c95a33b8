package io.aelle.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The monitor's verdict on one checkpoint: value of the compacted {@code aelle.verdicts} topic, key run_id.
 * This JSON shape is a contract for non-Java search drivers (documented in docs/OFFLINE.md).
 */
public record Verdict(@JsonProperty("run_id") String runId,
                      @JsonProperty("study_id") String studyId,
                      @JsonProperty("epoch") int epoch,
                      @JsonProperty("total_epochs") int totalEpochs,
                      @JsonProperty("fraction") double fraction,
                      @JsonProperty("pc1") double pc1,
                      @JsonProperty("pc2") double pc2,
                      @JsonProperty("predicted_final_loss") double predictedFinalLoss,
                      @JsonProperty("verdict") String verdict,
                      @JsonProperty("loss_baseline_verdict") String lossBaselineVerdict,
                      @JsonProperty("spectrum_max") double spectrumMax,
                      @JsonProperty("spectrum_mean") double spectrumMean,
                      @JsonProperty("checkpoint_created_at") String checkpointCreatedAt,
                      @JsonProperty("verdict_at") String verdictAt,
                      @JsonProperty("latency_ms") long latencyMs) {

    public static final String LIKELY_LOW_ERROR = "LIKELY_LOW_ERROR";
    public static final String LIKELY_HIGH_ERROR = "LIKELY_HIGH_ERROR";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public boolean likelyLowError() {
        return LIKELY_LOW_ERROR.equals(verdict);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Verdict parse(byte[] json) {
        try {
            return JSON.readValue(json, Verdict.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad verdict JSON: " + e.getMessage(), e);
        }
    }
}
