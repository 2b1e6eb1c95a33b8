package io.aelle.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A finished run, value of the {@code aelle.outcomes} topic (key run_id):
 * {@code {run_id, study_id, final_val_loss, epochs_completed, status}}. {@code final_val_loss} is {@code null} when the
 * run never reached a finite validation loss (it failed or diverged first); in Java that is NaN, which scores as
 * high error. JSON has no NaN, and a string "NaN" would be rejected by every strict reader.
 * {@code "audit": true} (absent otherwise) marks a run an early-stopping rule would have stopped but let train on, so
 * its outcome measures how often such stops are right (the job's {@code aelle_stop_precision}).
 */
public record Outcome(@JsonProperty("run_id") String runId,
                      @JsonProperty("study_id") String studyId,
                      @JsonProperty("final_val_loss") double finalValLoss,
                      @JsonProperty("epochs_completed") int epochsCompleted,
                      @JsonProperty("status") String status,
                      @JsonProperty("audit") boolean audit) {

    /** The statuses, and how each is scored, are {@link RunTruth}'s: one rule for the offline dataset and the live job. */
    public static final String COMPLETED = RunTruth.COMPLETED;
    public static final String FAILED = RunTruth.FAILED;
    public static final String STOPPED_EARLY = RunTruth.STOPPED_EARLY;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An outcome that is not an audit. */
    public Outcome(String runId, String studyId, double finalValLoss, int epochsCompleted, String status) {
        this(runId, studyId, finalValLoss, epochsCompleted, status, false);
    }

    public Outcome {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("outcome run_id is required");
        }
        if (studyId == null || studyId.isBlank()) {
            throw new IllegalArgumentException("outcome study_id is required");
        }
        if (status == null) {
            throw new IllegalArgumentException("outcome status is required (completed, failed or stopped_early)");
        }
        RunTruth.checkStatus(status);
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("outcome epochs_completed must be >= 0, got " + epochsCompleted);
        }
    }

    public byte[] toJson() {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
            n.put("run_id", runId);
            n.put("study_id", studyId);
            if (Double.isFinite(finalValLoss)) {
                n.put("final_val_loss", finalValLoss);
            } else {
                n.putNull("final_val_loss");
            }
            n.put("epochs_completed", epochsCompleted);
            n.put("status", status);
            if (audit) {
                n.put("audit", true);
            }
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an outcome; any malformed or incomplete JSON is an {@link IllegalArgumentException} naming the problem. */
    public static Outcome parse(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("bad outcome JSON: " + msg, e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("bad outcome JSON: not a JSON object");
        }
        JsonNode loss = node.get("final_val_loss");
        double finalValLoss = loss != null && loss.isNull() ? Double.NaN : number(node, "final_val_loss").doubleValue();
        JsonNode audit = node.get("audit");
        if (audit != null && !audit.isNull() && !audit.isBoolean()) {
            throw new IllegalArgumentException("bad outcome JSON: audit must be true or false, got " + audit);
        }
        return new Outcome(text(node, "run_id"), text(node, "study_id"), finalValLoss,
                number(node, "epochs_completed").intValue(), text(node, "status"), audit != null && audit.asBoolean());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("bad outcome JSON: " + field + " must be a string" + (v == null ? " and is missing" : ""));
        }
        return v.asText();
    }

    private static Number number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        boolean integral = field.equals("epochs_completed");
        if (v == null || !(integral ? v.canConvertToInt() && v.isIntegralNumber() : v.isNumber())) {
            throw new IllegalArgumentException("bad outcome JSON: " + field + " must be " + (integral ? "an integer" : "a number")
                    + (v == null ? " and is missing" : ", got " + v));
        }
        return v.numberValue();
    }
}
