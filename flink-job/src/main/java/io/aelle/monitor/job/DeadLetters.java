package io.aelle.monitor.job;

import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side output every stage sends unusable records to, and the one place they are logged; they are counted
 * downstream, once, by {@link DeadLetterCounting}.
 */
public final class DeadLetters {

    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {}

    /** A dead letter for a checkpoint record; counted as {@code aelle_checkpoints_total{result="dead_letter"}} too. */
    public static DeadLetter checkpoint(RawRecord record, DeadLetterReason reason, String detail, String studyId, long now) {
        return of(DeadLetter.CHECKPOINTS, record, reason, detail, studyId, now);
    }

    public static DeadLetter of(String origin, RawRecord record, DeadLetterReason reason, String detail, String studyId,
                                long now) {
        LOG.warn("dead letter from {} (key {}): {}: {}", origin, record.key, reason.id(), detail);
        return new DeadLetter(origin, record, reason, detail, studyId, now);
    }
}
