package io.aelle.monitor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aelle.monitor.metrics.InProcessMetrics;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.RawRecord;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class DeadLetterCountingTest {

    private static double count(MonitorMetrics m, String name, String tag, String value) {
        var c = m.registry().find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void countsEachDeadLetterByReasonAndCheckpointsAlsoByStudy() throws Exception {
        MonitorMetrics metrics = new MonitorMetrics();
        try (InProcessMetrics provider = InProcessMetrics.of(metrics)) {
            // Shipped as Flink ships it: serialised, then opened.
            DeadLetterCounting counting = InstantiationUtil.clone(new DeadLetterCounting(provider));
            counting.open(DefaultOpenContext.INSTANCE);
            RawRecord record = new RawRecord();
            record.key = "r1";
            DeadLetter checkpoint = DeadLetters.checkpoint(record, DeadLetterReason.NAN_WEIGHTS, "NaN", "study-a", 0);
            assertSame(checkpoint, counting.map(checkpoint));
            counting.map(DeadLetters.of(DeadLetter.OUTCOMES, record, DeadLetterReason.KEY_MISMATCH, "key", "study-a", 0));

            assertEquals(1, count(metrics, "aelle.dead.letters", "reason", "nan_weights"));
            assertEquals(1, count(metrics, "aelle.dead.letters", "reason", "key_mismatch"));
            // Only the checkpoint record counts among the study's checkpoints.
            assertEquals(1, metrics.registry().find("aelle.checkpoints").tags("study", "study-a", "result", "dead_letter")
                    .counter().count());
            assertNull(metrics.registry().find("aelle.checkpoints").tags("result", "scored").counter());
        }
    }
}
