package io.aelle.wire.checkpoint;

import static io.aelle.wire.checkpoint.SafetensorsFormatException.Rule.BAD_METADATA;
import static io.aelle.wire.checkpoint.SafetensorsFormatException.Rule.MISSING_METADATA;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code aelle.*} strings in a checkpoint's {@code __metadata__}: who trained it and how far along it is.
 *
 * @param epoch       0 means before any training
 * @param arch        {@code rnn}, {@code gru} or {@code lstm}; null to infer from the tensors
 * @param layerPrefix e.g. {@code rnn_layer.}; null to infer
 * @param hparams     a JSON object as text; null when absent
 * @param createdAt   null when absent
 */
public record CheckpointMetadata(String runId, String studyId, int epoch, int totalEpochs, OptionalDouble valLoss,
                                 OptionalDouble trainLoss, String arch, String layerPrefix, String hparams, Instant createdAt) {

    public static final String RUN_ID = "aelle.run_id";
    public static final String STUDY_ID = "aelle.study_id";
    public static final String EPOCH = "aelle.epoch";
    public static final String TOTAL_EPOCHS = "aelle.total_epochs";
    public static final String VAL_LOSS = "aelle.val_loss";
    public static final String TRAIN_LOSS = "aelle.train_loss";
    public static final String ARCH = "aelle.arch";
    public static final String LAYER_PREFIX = "aelle.layer_prefix";
    public static final String HPARAMS = "aelle.hparams";
    public static final String CREATED_AT = "aelle.created_at";

    private static final ObjectMapper JSON = new ObjectMapper();

    public CheckpointMetadata {
        if (runId == null || runId.isBlank()) {
            throw new SafetensorsFormatException(MISSING_METADATA, RUN_ID + " is required");
        }
        if (studyId == null || studyId.isBlank()) {
            throw new SafetensorsFormatException(MISSING_METADATA, STUDY_ID + " is required");
        }
        if (epoch < 0) {
            throw new SafetensorsFormatException(BAD_METADATA, EPOCH + " must be >= 0, got " + epoch);
        }
        if (totalEpochs <= 0) {
            throw new SafetensorsFormatException(BAD_METADATA, TOTAL_EPOCHS + " must be > 0, got " + totalEpochs);
        }
        if (epoch > totalEpochs) {
            throw new SafetensorsFormatException(BAD_METADATA, EPOCH + " " + epoch + " is beyond " + TOTAL_EPOCHS + " " + totalEpochs);
        }
        if (hparams != null && !isJsonObject(hparams)) {
            throw new SafetensorsFormatException(BAD_METADATA, HPARAMS + " must be a JSON object, got '" + abbreviate(hparams) + "'");
        }
        if (arch != null && !(arch.equals("rnn") || arch.equals("gru") || arch.equals("lstm"))) {
            throw new SafetensorsFormatException(BAD_METADATA, ARCH + " must be rnn, gru or lstm, got '" + abbreviate(arch) + "'");
        }
    }

    /** Training fraction = epoch / total_epochs. */
    public double fraction() {
        return (double) epoch / totalEpochs;
    }

    public Optional<String> archOverride() {
        return Optional.ofNullable(arch);
    }

    public static CheckpointMetadata parse(Map<String, String> meta) {
        return new CheckpointMetadata(
                required(meta, RUN_ID),
                required(meta, STUDY_ID),
                integer(EPOCH, required(meta, EPOCH)),
                integer(TOTAL_EPOCHS, required(meta, TOTAL_EPOCHS)),
                decimal(meta, VAL_LOSS),
                decimal(meta, TRAIN_LOSS),
                meta.get(ARCH),
                meta.get(LAYER_PREFIX),
                meta.get(HPARAMS),
                instant(meta.get(CREATED_AT)));
    }

    /** The metadata as safetensors strings, absent optionals left out. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RUN_ID, runId);
        m.put(STUDY_ID, studyId);
        m.put(EPOCH, Integer.toString(epoch));
        m.put(TOTAL_EPOCHS, Integer.toString(totalEpochs));
        valLoss.ifPresent(v -> m.put(VAL_LOSS, Double.toString(v)));
        trainLoss.ifPresent(v -> m.put(TRAIN_LOSS, Double.toString(v)));
        if (arch != null) {
            m.put(ARCH, arch);
        }
        if (layerPrefix != null) {
            m.put(LAYER_PREFIX, layerPrefix);
        }
        if (hparams != null) {
            m.put(HPARAMS, hparams);
        }
        if (createdAt != null) {
            m.put(CREATED_AT, createdAt.toString());
        }
        return m;
    }

    private static String required(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null || v.isBlank()) {
            throw new SafetensorsFormatException(MISSING_METADATA, "required metadata " + key + " is missing");
        }
        return v;
    }

    private static int integer(String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new SafetensorsFormatException(BAD_METADATA, key + " must be an integer, got '" + abbreviate(text) + "'");
        }
    }

    private static boolean isJsonObject(String text) {
        try {
            return JSON.readTree(text).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Metadata is untrusted text: quote at most a short prefix of it in messages. */
    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static OptionalDouble decimal(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null || v.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            throw new SafetensorsFormatException(BAD_METADATA, key + " must be a decimal number, got '" + abbreviate(v) + "'");
        }
    }

    private static Instant instant(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new SafetensorsFormatException(BAD_METADATA, CREATED_AT + " must be ISO-8601, got '" + abbreviate(v) + "'");
            }
        }
    }
}
