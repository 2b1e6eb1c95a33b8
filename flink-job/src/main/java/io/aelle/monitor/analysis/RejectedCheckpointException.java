package io.aelle.monitor.analysis;

import io.aelle.monitor.record.DeadLetterReason;

/** A checkpoint the analyzer cannot use, with the dead-letter reason. */
public class RejectedCheckpointException extends IllegalArgumentException {

    private final DeadLetterReason reason;

    public RejectedCheckpointException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
