package io.aelle.monitor.record;

/**
 * A record the job could not process, kept whole: the original key and bytes, which input it came from,
 * the reason and a one-line detail. Written to the dead-letter topic with the reason and key in headers.
 */
public class DeadLetter {

    /** The input it came from: {@code checkpoints}, {@code probes} or {@code outcomes}. */
    public String origin;
    public String originalKey;
    public byte[] value;
    /** {@link DeadLetterReason#id()}. */
    public String reason;
    public String detail;
    /** The study when it could be read, else null. */
    public String studyId;
    public long at;

    public DeadLetter() {}

    public DeadLetter(String origin, RawRecord record, DeadLetterReason reason, String detail, String studyId, long at) {
        this.origin = origin;
        this.originalKey = record.key;
        this.value = record.value;
        this.reason = reason.id();
        this.detail = detail;
        this.studyId = studyId;
        this.at = at;
    }

    public static final String CHECKPOINTS = "checkpoints";
    public static final String PROBES = "probes";
    public static final String OUTCOMES = "outcomes";
    public static final String BUNDLES = "bundles";
}
