package io.aelle.monitor.kafka;

import io.aelle.monitor.record.VerdictEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A verdict as the topic's JSON contract ({@link io.aelle.wire.Verdict}), key run_id. */
public class VerdictSerializer implements RecordEncoder<VerdictEvent> {

    private final String topic;

    public VerdictSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> encode(VerdictEvent v) {
        return new ProducerRecord<>(topic, v.runId.getBytes(StandardCharsets.UTF_8), v.toVerdict().toJson());
    }
}
