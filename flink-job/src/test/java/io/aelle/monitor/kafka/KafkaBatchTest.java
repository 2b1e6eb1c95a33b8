package io.aelle.monitor.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaBatchTest {

    private final KafkaBatch.Serializer serializer = new KafkaBatch.Serializer();

    @Test
    void roundTripKeepsTopicsKeysValuesAndHeaders() throws IOException {
        RecordHeaders headers = new RecordHeaders();
        headers.add("aelle.reason", "nan_weights".getBytes(StandardCharsets.UTF_8));
        KafkaBatch batch = new KafkaBatch(3, 41, List.of(
                new ProducerRecord<byte[], byte[]>("aelle.verdicts", null, "run-1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, headers),
                new ProducerRecord<byte[], byte[]>("aelle.dead-letters", (Integer) null, (byte[]) null, (byte[]) null, new RecordHeaders())));
        KafkaBatch back = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));
        assertEquals(3, back.writer());
        assertEquals(41, back.sequence());
        assertEquals(2, back.records().size());
        ProducerRecord<byte[], byte[]> first = back.records().get(0);
        assertEquals("aelle.verdicts", first.topic());
        assertArrayEquals("run-1".getBytes(StandardCharsets.UTF_8), first.key());
        assertArrayEquals(new byte[] {1, 2, 3}, first.value());
        assertArrayEquals("nan_weights".getBytes(StandardCharsets.UTF_8), first.headers().lastHeader("aelle.reason").value());
        assertNull(back.records().get(1).key());
        assertNull(back.records().get(1).value());
    }

    @Test
    void corruptCountsAreRejectedBeforeAllocating() {
        byte[] bad = ByteBuffer.allocate(16).putInt(0).putLong(1).putInt(-7).array();
        assertThrows(IOException.class, () -> serializer.deserialize(serializer.getVersion(), bad));
        assertThrows(IOException.class, () -> serializer.deserialize(99, new byte[0]));
    }
}
