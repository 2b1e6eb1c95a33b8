package io.aelle.monitor.kafka;

import io.aelle.monitor.job.MonitorSources;
import io.aelle.monitor.record.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The three inputs from Kafka: resume from the group's committed offsets (earliest on first start), read only
 * committed records, accept records up to the configured size.
 */
public class KafkaMonitorSources implements MonitorSources {

    private final KafkaWiring kafka;

    public KafkaMonitorSources(KafkaWiring kafka) {
        this.kafka = kafka;
    }

    @Override
    public DataStream<RawRecord> checkpoints(StreamExecutionEnvironment env) {
        return from(env, kafka.topics().checkpoints(), "checkpoints");
    }

    @Override
    public DataStream<RawRecord> probes(StreamExecutionEnvironment env) {
        return from(env, kafka.topics().probes(), "probes");
    }

    @Override
    public DataStream<RawRecord> outcomes(StreamExecutionEnvironment env) {
        return from(env, kafka.topics().outcomes(), "outcomes");
    }

    private DataStream<RawRecord> from(StreamExecutionEnvironment env, String topic, String name) {
        String maxBytes = Integer.toString(kafka.maxRecordBytes());
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setProperties(kafka.connection().clientProperties()) // TLS/SASL settings of --kafka-config
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId(kafka.groupId() + "." + name)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("max.partition.fetch.bytes", maxBytes)
                .setProperty("fetch.max.bytes", maxBytes)
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name + "-source").uid(name + "-source");
    }
}
