package io.aelle.model.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fields of a producer outcome file ({@code RUN.outcome.json}: run_id, study_id, final_val_loss,
 * epochs_completed, status) this module needs; read here because aelle-model does not depend on the producer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOutcome(@JsonProperty("run_id") String runId, @JsonProperty("study_id") String studyId,
                         @JsonProperty("final_val_loss") Double finalValLoss,
                         @JsonProperty("epochs_completed") Integer epochsCompleted, @JsonProperty("status") String status) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 1 << 20;

    public static RunOutcome read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes; not an outcome");
        }
        RunOutcome o;
        try {
            o = JSON.readValue(file.toFile(), RunOutcome.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad outcome JSON " + file + ": " + e.getMessage());
        }
        if (o.runId() == null || o.studyId() == null) {
            throw new IllegalArgumentException("outcome " + file + " lacks run_id or study_id");
        }
        return o;
    }

    /** The final loss, NaN when absent or not finite (a failed run). */
    public double finalLoss() {
        return finalValLoss == null || !Double.isFinite(finalValLoss) ? Double.NaN : finalValLoss;
    }
}
