package io.aelle.producer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A finished run, value of the {@code aelle.outcomes} topic (key run_id):
 * {@code {run_id, study_id, final_val_loss, epochs_completed, status}}.
 */
public record Outcome(@JsonProperty("run_id") String runId,
                      @JsonProperty("study_id") String studyId,
                      @JsonProperty("final_val_loss") double finalValLoss,
                      @JsonProperty("epochs_completed") int epochsCompleted,
                      @JsonProperty("status") String status) {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String STOPPED_EARLY = "stopped_early";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Outcome {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("outcome run_id is required");
        }
        if (studyId == null || studyId.isBlank()) {
            throw new IllegalArgumentException("outcome study_id is required");
        }
        if (!(COMPLETED.equals(status) || FAILED.equals(status) || STOPPED_EARLY.equals(status))) {
            throw new IllegalArgumentException("outcome status must be completed, failed or stopped_early, got '" + status + "'");
        }
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("outcome epochs_completed must be >= 0, got " + epochsCompleted);
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an outcome; any malformed or incomplete JSON is an {@link IllegalArgumentException} naming the problem. */
    public static Outcome parse(byte[] json) {
        try {
            return JSON.readValue(json, Outcome.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("bad outcome JSON: " + cause.getMessage(), e);
        }
    }
}
