package io.aelle.monitor.local;

import io.aelle.kafka.KafkaConnection;
import io.aelle.wire.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning as a {@code read_committed} consumer without a group: what a search driver
 * sees of the verdicts (and what tests see of the dead letters).
 */
public final class CommittedReader implements AutoCloseable {

    /** A verdict with the broker timestamp of its record (when the job's transaction wrote it). */
    public record Received(Verdict verdict, long timestamp) {}

    private final KafkaConsumer<byte[], byte[]> consumer;

    public CommittedReader(String bootstrapServers, String topic) {
        this(KafkaConnection.plain(bootstrapServers), topic);
    }

    public CommittedReader(KafkaConnection connection, String topic) {
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(65 << 20));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(65 << 20));
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The committed records that arrived within {@code wait}. */
    public List<ConsumerRecord<byte[], byte[]>> pollRecords(Duration wait) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        consumer.poll(wait).forEach(out::add);
        return out;
    }

    /** The committed verdicts that arrived within {@code wait}. */
    public List<Received> poll(Duration wait) {
        List<Received> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : pollRecords(wait)) {
            out.add(new Received(Verdict.parse(r.value()), r.timestamp()));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
