package io.aelle.monitor.job;

import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.OutcomeEvent;
import io.aelle.monitor.record.RawRecord;
import io.aelle.wire.Outcome;
import io.aelle.wire.RecordKeys;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses outcome JSON; malformed or incomplete outcomes, and outcomes whose key is not their run_id ({@link RecordKeys}),
 * go to dead letters. Stateless.
 */
public class OutcomeParsing extends ProcessFunction<RawRecord, OutcomeEvent> {

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<OutcomeEvent> out) {
        Outcome outcome;
        try {
            if (record.value == null) {
                throw new IllegalArgumentException("empty outcome record");
            }
            outcome = Outcome.parse(record.value);
        } catch (IllegalArgumentException e) {
            deadLetter(record, ctx, DeadLetterReason.BAD_OUTCOME, e.getMessage(), null);
            return;
        }
        try {
            RecordKeys.requireKeyNames(record.key, outcome.runId(), "run_id");
        } catch (IllegalArgumentException e) {
            deadLetter(record, ctx, DeadLetterReason.KEY_MISMATCH, e.getMessage(), outcome.studyId());
            return;
        }
        out.collect(OutcomeEvent.of(outcome));
    }

    private static void deadLetter(RawRecord record, Context ctx, DeadLetterReason reason, String detail, String studyId) {
        ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetter.OUTCOMES, record, reason, detail, studyId,
                ctx.timerService().currentProcessingTime()));
    }
}
