package io.aelle.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The monitor's verdict on one checkpoint: value of the compacted {@code aelle.verdicts} topic, key run_id.
 * This JSON shape is a contract for non-Java search drivers (documented in docs/OFFLINE.md).
 * {@code verdict} is {@link #LIKELY_LOW_ERROR}, {@link #LIKELY_HIGH_ERROR} or {@link #UNKNOWN} (the study has no
 * bundle yet; {@code verdict_reason} says so and pc1, pc2 and predicted_final_loss are "NaN"); the loss baseline's
 * verdict is always given.
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
                      @JsonProperty("latency_ms") long latencyMs,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("verdict_reason") String verdictReason) {

    public static final String LIKELY_LOW_ERROR = "LIKELY_LOW_ERROR";
    public static final String LIKELY_HIGH_ERROR = "LIKELY_HIGH_ERROR";
    /** No verdict from the embedding: the study has no bundle yet. */
    public static final String UNKNOWN = "UNKNOWN";
    public static final String NO_BUNDLE_YET = "no bundle yet";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A verdict without a reason (a low- or high-error verdict). */
    public Verdict(String runId, String studyId, int epoch, int totalEpochs, double fraction, double pc1, double pc2,
                   double predictedFinalLoss, String verdict, String lossBaselineVerdict, double spectrumMax, double spectrumMean,
                   String checkpointCreatedAt, String verdictAt, long latencyMs) {
        this(runId, studyId, epoch, totalEpochs, fraction, pc1, pc2, predictedFinalLoss, verdict, lossBaselineVerdict,
                spectrumMax, spectrumMean, checkpointCreatedAt, verdictAt, latencyMs, null);
    }

    public boolean unknown() {
        return UNKNOWN.equals(verdict);
    }

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
