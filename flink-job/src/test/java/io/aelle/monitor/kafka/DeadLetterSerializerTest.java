package io.aelle.monitor.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheOriginalKeyAndBytesAndPutsTheReasonInHeaders() {
        byte[] value = {9, 8, 7};
        DeadLetter d = new DeadLetter(DeadLetter.CHECKPOINTS, new RawRecord("run-7", value, 5L), DeadLetterReason.SHAPE_MISMATCH,
                "weight_ih_l0 has 5 columns", "s1", 10L);
        ProducerRecord<byte[], byte[]> r = new DeadLetterSerializer("dl").encode(d);
        assertEquals("dl", r.topic());
        assertArrayEquals("run-7".getBytes(StandardCharsets.UTF_8), r.key());
        assertArrayEquals(value, r.value());
        assertEquals("shape_mismatch", header(r, DeadLetterSerializer.REASON));
        assertEquals("run-7", header(r, DeadLetterSerializer.ORIGINAL_KEY));
        assertEquals("checkpoints", header(r, DeadLetterSerializer.ORIGIN));
        assertEquals("s1", header(r, DeadLetterSerializer.STUDY));
        assertEquals("weight_ih_l0 has 5 columns", header(r, DeadLetterSerializer.DETAIL));
    }

    @Test
    void aRecordWithoutKeyOrStudyOmitsThoseHeadersAndLongDetailsAreCut() {
        DeadLetter d = new DeadLetter(DeadLetter.OUTCOMES, new RawRecord(null, new byte[0], 0L), DeadLetterReason.BAD_OUTCOME,
                "x".repeat(10_000), null, 0L);
        ProducerRecord<byte[], byte[]> r = new DeadLetterSerializer("dl").encode(d);
        assertNull(r.key());
        assertNull(header(r, DeadLetterSerializer.ORIGINAL_KEY));
        assertNull(header(r, DeadLetterSerializer.STUDY));
        assertTrue(header(r, DeadLetterSerializer.DETAIL).length() <= 2000);
    }
}
