package io.aelle.monitor.record;

import io.aelle.wire.checkpoint.SafetensorsFormatException;
import java.util.Locale;

/** Why a record could not be processed; the value of the {@code aelle.reason} header on the dead-letter topic. */
public enum DeadLetterReason {
    /** Not a readable safetensors file (truncated, bad header, bad offsets, ...). */
    UNREADABLE_CHECKPOINT,
    /** Required {@code aelle.*} metadata absent or malformed. */
    MISSING_METADATA,
    /**
     * No embedding bundle covers the checkpoint's study. No longer issued (such a checkpoint gets an {@code UNKNOWN}
     * verdict until its study's bundle arrives); kept so that earlier dead letters and series keep their name.
     */
    UNKNOWN_STUDY,
    /** The study had no probe within the hold time. */
    NO_PROBE,
    /** The tensors do not form a recurrent network matching the probe and the bundle. */
    SHAPE_MISMATCH,
    /** NaN or infinite weights. */
    NAN_WEIGHTS,
    /** The spectrum could not be computed or projected (e.g. a non-finite spectrum). */
    SPECTRUM_FAILED,
    /** An outcome whose JSON is malformed or incomplete. */
    BAD_OUTCOME,
    /** A probe that is unreadable or lacks its settings. */
    BAD_PROBE,
    /** A second checkpoint for a (run, epoch) already taken (a producer retry): the first one's verdict stands. */
    DUPLICATE_CHECKPOINT,
    /** The spectrum's estimated work is over {@code --max-spectrum-gflop}: refused before any compute. */
    TOO_COSTLY,
    /** The spectrum ran past {@code --max-spectrum-seconds} and was stopped. */
    SPECTRUM_TIMEOUT,
    /** The record's key is absent or does not name its run (checkpoints, outcomes) or study (probes): {@code RecordKeys}. */
    KEY_MISMATCH,
    /** The probe's spectrum convention is not the one the study's bundle was trained on. */
    SPECTRUM_SETTINGS_MISMATCH,
    /** A bundle record that is not a valid bundle archive ({@code BundleArchive}). */
    BAD_BUNDLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason a checkpoint-format error stands for. */
    public static DeadLetterReason ofFormatError(SafetensorsFormatException e) {
        return switch (e.rule()) {
            case MISSING_METADATA, BAD_METADATA -> MISSING_METADATA;
            default -> UNREADABLE_CHECKPOINT;
        };
    }

    /** The reason whose {@link #id()} this is. */
    public static DeadLetterReason ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
