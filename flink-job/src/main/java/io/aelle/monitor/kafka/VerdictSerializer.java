package io.aelle.monitor.kafka;

import io.aelle.monitor.record.VerdictEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A verdict as the topic's JSON contract ({@link io.aelle.producer.verdict.Verdict}), key run_id. */
public class VerdictSerializer implements KafkaRecordSerializationSchema<VerdictEvent> {

    private final String topic;

    public VerdictSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(VerdictEvent v, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, v.runId.getBytes(StandardCharsets.UTF_8), v.toVerdict().toJson());
    }
}
