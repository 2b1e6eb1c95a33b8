package io.aelle.wire;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one layout of a sweep folder, written by the producer's directory sink, watched by the attach sidecar and
 * read by the dataset builder:
 * <ul>
 *   <li>{@code DIR/RUN-eEPOCH.safetensors}: one checkpoint per file (epoch zero-padded to four digits);</li>
 *   <li>{@code DIR/RUN.outcome.json}: the run's {@link Outcome};</li>
 *   <li>{@code DIR/probes/STUDY.safetensors}: the study's probe, in a subfolder so nothing takes it for a checkpoint.</li>
 * </ul>
 * Names starting with a dot are hidden (temporary files written before an atomic rename).
 */
public final class SweepLayout {

    public static final String PROBES = "probes";
    public static final String CHECKPOINT_SUFFIX = ".safetensors";
    public static final String OUTCOME_SUFFIX = ".outcome.json";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private SweepLayout() {}

    public static String checkpointFileName(String runId, int epoch) {
        return String.format("%s-e%04d%s", safe(runId), epoch, CHECKPOINT_SUFFIX);
    }

    public static String outcomeFileName(String runId) {
        return safe(runId) + OUTCOME_SUFFIX;
    }

    /** The probe's name inside the {@value #PROBES} subfolder. */
    public static String probeFileName(String studyId) {
        return safe(studyId) + CHECKPOINT_SUFFIX;
    }

    /** Where a study's probe lies in the sweep folder {@code dir}. */
    public static Path probeFile(Path dir, String studyId) {
        return dir.resolve(PROBES).resolve(probeFileName(studyId));
    }

    /** A checkpoint file of the sweep folder (not hidden, {@value #CHECKPOINT_SUFFIX}). */
    public static boolean isCheckpointFile(String name) {
        return name.endsWith(CHECKPOINT_SUFFIX) && !name.startsWith(".");
    }

    /** An outcome file of the sweep folder (not hidden, {@value #OUTCOME_SUFFIX}). */
    public static boolean isOutcomeFile(String name) {
        return name.endsWith(OUTCOME_SUFFIX) && !name.startsWith(".");
    }

    /** Ids become file names: only a safe alphabet, so an id can never point outside the folder. */
    public static String safe(String id) {
        if (id == null || !SAFE_NAME.matcher(id).matches() || id.startsWith(".")) {
            throw new IllegalArgumentException("id '" + id + "' cannot be a file name (use letters, digits, '.', '_', '-')");
        }
        return id;
    }
}
