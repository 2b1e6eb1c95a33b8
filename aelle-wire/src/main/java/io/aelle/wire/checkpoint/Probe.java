package io.aelle.wire.checkpoint;

import static io.aelle.wire.checkpoint.SafetensorsFormatException.Rule.BAD_METADATA;
import static io.aelle.wire.checkpoint.SafetensorsFormatException.Rule.MISSING_METADATA;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A study's probe: the task inputs (B, T, I) that drive the spectrum computation, and the study settings
 * carried beside them on the compacted {@code aelle.probes} topic.
 */
public record Probe(String studyId, String task, double lossThreshold, String convention, int warmup, Tensor inputs) {

    public static final String INPUTS = "inputs";
    public static final String STUDY_ID = "aelle.study_id";
    public static final String TASK = "aelle.task";
    public static final String LOSS_THRESHOLD = "aelle.loss_threshold";
    public static final String CONVENTION = "aelle.le.convention";
    public static final String WARMUP = "aelle.le.warmup";
    /** The warm-up a probe without {@value #WARMUP} stands for (the spectrum command's default). */
    public static final int DEFAULT_WARMUP = 500;

    public Probe {
        if (studyId == null || studyId.isBlank()) {
            throw new SafetensorsFormatException(MISSING_METADATA, "probe metadata " + STUDY_ID + " is missing");
        }
        if (inputs.rank() != 3) {
            throw new SafetensorsFormatException(BAD_METADATA, "probe 'inputs' must have shape (B, T, I), got " + inputs.shapeString());
        }
        if (!Double.isFinite(lossThreshold)) {
            throw new SafetensorsFormatException(BAD_METADATA, "probe " + LOSS_THRESHOLD + " must be a finite number, got " + lossThreshold);
        }
        if (warmup < 0) {
            throw new SafetensorsFormatException(BAD_METADATA, "probe " + WARMUP + " must be >= 0, got " + warmup);
        }
        try {
            convention = Convention.parse(String.valueOf(convention)).id();
        } catch (IllegalArgumentException e) {
            throw new SafetensorsFormatException(BAD_METADATA, "probe " + CONVENTION + ": " + e.getMessage());
        }
    }

    public int sequences() {
        return inputs.dim(0);
    }

    public int steps() {
        return inputs.dim(1);
    }

    public int inputSize() {
        return inputs.dim(2);
    }

    public static Probe parse(byte[] safetensors) {
        return of(SafetensorsFile.read(safetensors));
    }

    public static Probe of(SafetensorsFile file) {
        Map<String, String> m = file.metadata();
        Tensor inputs = file.tensor(INPUTS);
        if (inputs == null) {
            throw new SafetensorsFormatException(MISSING_METADATA, "probe has no tensor named 'inputs'");
        }
        String study = m.get(STUDY_ID);
        if (study == null || study.isBlank()) {
            throw new SafetensorsFormatException(MISSING_METADATA, "probe metadata " + STUDY_ID + " is missing");
        }
        if (m.get(LOSS_THRESHOLD) == null) {
            throw new SafetensorsFormatException(MISSING_METADATA, "probe metadata " + LOSS_THRESHOLD + " is missing");
        }
        double threshold;
        int warmup;
        try {
            threshold = Double.parseDouble(m.get(LOSS_THRESHOLD).trim());
            warmup = Integer.parseInt(m.getOrDefault(WARMUP, Integer.toString(DEFAULT_WARMUP)).trim());
        } catch (NumberFormatException e) {
            throw new SafetensorsFormatException(BAD_METADATA, "probe " + LOSS_THRESHOLD + " or " + WARMUP + " is not a number");
        }
        return new Probe(study, m.getOrDefault(TASK, "unknown"), threshold, m.getOrDefault(CONVENTION, Convention.REFERENCE.id()),
                warmup, inputs);
    }

    public byte[] toBytes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(STUDY_ID, studyId);
        m.put(TASK, task);
        m.put(LOSS_THRESHOLD, Double.toString(lossThreshold));
        m.put(CONVENTION, convention);
        m.put(WARMUP, Integer.toString(warmup));
        return new SafetensorsFile(Map.of(INPUTS, inputs), m).toBytes();
    }
}
