package io.aelle.monitor.kafka;

import io.aelle.monitor.record.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps a Kafka record raw (UTF-8 key, value bytes, broker timestamp, partition and offset); parsing happens in the job's stages. */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private final String table;

    /** For a stream topic. */
    public RawRecordDeserializer() {
        this(null);
    }

    /** For a table topic: each record names its table ({@link RawRecord#table}). */
    public RawRecordDeserializer(String table) {
        this.table = table;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        RawRecord r = new RawRecord(key, record.value(), record.timestamp(), record.partition(), record.offset());
        r.table = table;
        out.collect(r);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
