package io.aelle.monitor.job;

import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.OutcomeEvent;
import io.aelle.monitor.record.RawRecord;
import io.aelle.producer.Outcome;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Parses outcome JSON; malformed or incomplete outcomes go to dead letters. Stateless. */
public class OutcomeParsing extends ProcessFunction<RawRecord, OutcomeEvent> {

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<OutcomeEvent> out) {
        try {
            if (record.value == null) {
                throw new IllegalArgumentException("empty outcome record");
            }
            out.collect(OutcomeEvent.of(Outcome.parse(record.value)));
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetter.OUTCOMES, record, DeadLetterReason.BAD_OUTCOME,
                    e.getMessage(), null, ctx.timerService().currentProcessingTime()));
        }
    }
}
