package io.aelle.model.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.wire.RunTruth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An outcome file of a sweep folder ({@code RUN.outcome.json}, {@link io.aelle.wire.Outcome}'s JSON), read leniently
 * so that outcome files written before the wire format settled still build a dataset: status may be absent (taken
 * as completed, {@link RunTruth}), final_val_loss may be absent or null (the producer writes null for a run without
 * a finite loss), and the strings "NaN" / "Infinity" that early trainers wrote are still read as those numbers.
 * The status values and what they score as are {@link RunTruth}'s, the one rule the live job uses too.
 */
public record RunOutcome(String runId, String studyId, Double finalValLoss, Integer epochsCompleted, String status) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_BYTES = 1 << 20;

    /** Reads an outcome file; anything malformed is an {@link IllegalArgumentException} naming the file and field. */
    public static RunOutcome read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes; not an outcome");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("bad outcome JSON " + file + ": " + why.lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("bad outcome JSON " + file + ": not a JSON object");
        }
        String runId = text(node, "run_id", file, true);
        String studyId = text(node, "study_id", file, true);
        String status = text(node, "status", file, false);
        try {
            RunTruth.checkStatus(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome " + file + ": " + e.getMessage());
        }
        return new RunOutcome(runId, studyId, loss(node, file), epochs(node, file), status);
    }

    private static String text(JsonNode node, String field, Path file, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("outcome " + file + " lacks " + field);
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw new IllegalArgumentException("outcome " + file + ": " + field + " must be a non-empty string, got " + v);
        }
        return v.asText();
    }

    private static Double loss(JsonNode node, Path file) {
        JsonNode v = node.get("final_val_loss");
        if (v == null || v.isNull()) {
            return null;
        }
        double loss;
        if (v.isNumber()) {
            loss = v.doubleValue();
        } else if (v.isTextual() && (v.asText().equals("NaN") || v.asText().equals("Infinity") || v.asText().equals("-Infinity"))) {
            loss = Double.parseDouble(v.asText());
        } else {
            throw new IllegalArgumentException("outcome " + file + ": final_val_loss must be a number, got " + v);
        }
        if (loss < 0 && Double.isFinite(loss)) {
            throw new IllegalArgumentException("outcome " + file + ": final_val_loss must not be negative, got " + loss);
        }
        return loss;
    }

    private static Integer epochs(JsonNode node, Path file) {
        JsonNode v = node.get("epochs_completed");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new IllegalArgumentException("outcome " + file + ": epochs_completed must be an integer >= 0, got " + v);
        }
        return v.intValue();
    }

    /** The final loss, NaN when absent or not finite (a failed run). */
    public double finalLoss() {
        return finalValLoss == null || !Double.isFinite(finalValLoss) ? Double.NaN : finalValLoss;
    }
}
