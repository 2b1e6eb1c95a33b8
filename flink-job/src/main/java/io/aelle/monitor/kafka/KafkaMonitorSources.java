package io.aelle.monitor.kafka;

import io.aelle.monitor.job.MonitorSources;
import io.aelle.monitor.record.RawRecord;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three inputs from Kafka, reading only committed records up to the configured size. Checkpoints and outcomes
 * are streams: they resume from the restored Flink state, else the group's committed offsets (earliest on first
 * start). Probes are a table (a compacted topic): it is read whole, from the earliest offset, on every start.
 */
public class KafkaMonitorSources implements MonitorSources {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMonitorSources.class);

    private final KafkaWiring kafka;

    public KafkaMonitorSources(KafkaWiring kafka) {
        this.kafka = kafka;
    }

    @Override
    public DataStream<RawRecord> checkpoints(StreamExecutionEnvironment env) {
        return from(env, kafka.topics().checkpoints(), "checkpoints");
    }

    /**
     * The probes table, read whole from the earliest offset on every start, also one restored from a checkpoint or
     * savepoint (see {@link TableSource}): a restored offset would skip the probes published before it, and a job
     * whose restored broadcast state lacks a study's probe (or holds an older one) would never see it again.
     * Offsets are not committed to the group: the table has no position to resume from.
     */
    @Override
    public DataStream<RawRecord> probes(StreamExecutionEnvironment env) {
        return table(env, kafka.topics().probes(), RawRecord.PROBES);
    }

    /** The bundles table, read whole on every start as the probes table is. */
    @Override
    public DataStream<RawRecord> bundles(StreamExecutionEnvironment env) {
        return table(env, kafka.topics().bundles(), RawRecord.BUNDLES);
    }

    private DataStream<RawRecord> table(StreamExecutionEnvironment env, String topic, String name) {
        KafkaSource<RawRecord> source = builder(topic, name)
                .setDeserializer(new RawRecordDeserializer(name))
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
        return env.fromSource(new TableSource<>(source), WatermarkStrategy.noWatermarks(), name + "-source").uid(name + "-source");
    }

    /** Where the probes table ends now: what {@link io.aelle.monitor.job.ProbeJoin} reads up to before it takes checkpoints. */
    @Override
    public Map<Integer, Long> probeTableEnd() {
        return tableEnd(kafka.topics().probes());
    }

    /** Where the bundles table ends now: {@link io.aelle.monitor.job.ProbeJoin} reads up to it too. */
    @Override
    public Map<Integer, Long> bundleTableEnd() {
        return tableEnd(kafka.topics().bundles());
    }

    private Map<Integer, Long> tableEnd(String topic) {
        try {
            return TableEnd.lastRecordOffsets(kafka.connection(), topic, kafka.maxRecordBytes());
        } catch (RuntimeException e) {
            // Not fatal: checkpoints then wait only for their own study's probe, as before the table end was known.
            LOG.warn("cannot read where the table {} ends ({}); checkpoints will not wait for the whole table", topic, e.toString());
            return Map.of();
        }
    }

    @Override
    public DataStream<RawRecord> outcomes(StreamExecutionEnvironment env) {
        return from(env, kafka.topics().outcomes(), "outcomes");
    }

    private DataStream<RawRecord> from(StreamExecutionEnvironment env, String topic, String name) {
        KafkaSource<RawRecord> source = builder(topic, name)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name + "-source").uid(name + "-source");
    }

    private KafkaSourceBuilder<RawRecord> builder(String topic, String name) {
        String maxBytes = Integer.toString(kafka.maxRecordBytes());
        return KafkaSource.<RawRecord>builder()
                .setProperties(kafka.connection().clientProperties()) // bootstrap servers and --kafka-config's TLS/SASL
                .setTopics(topic)
                .setGroupId(kafka.groupId() + "." + name)
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("max.partition.fetch.bytes", maxBytes)
                .setProperty("fetch.max.bytes", maxBytes)
                .setProperty("partition.discovery.interval.ms", "10000");
    }
}
