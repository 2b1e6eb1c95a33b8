package io.aelle.wire.checkpoint;

/** A safetensors file (or its metadata) breaks one named rule; the message says which and where. */
public class SafetensorsFormatException extends IllegalArgumentException {

    /** The rules a hostile or broken input can violate, one per check. */
    public enum Rule {
        TRUNCATED,
        FILE_TOO_LARGE,
        HEADER_TOO_LARGE,
        HEADER_BEYOND_FILE,
        HEADER_NOT_UTF8,
        MALFORMED_HEADER,
        DUPLICATE_NAME,
        UNSUPPORTED_DTYPE,
        BAD_SHAPE,
        OFFSETS_OUT_OF_RANGE,
        OVERLAPPING_OFFSETS,
        NOT_CONTIGUOUS,
        SIZE_MISMATCH,
        MISSING_METADATA,
        BAD_METADATA
    }

    private final Rule rule;
    private final String detail;

    public SafetensorsFormatException(Rule rule, String message) {
        super(rule + ": " + message);
        this.rule = rule;
        this.detail = message;
    }

    /** The message without the rule name. */
    public String detail() {
        return detail;
    }

    public Rule rule() {
        return rule;
    }
}
