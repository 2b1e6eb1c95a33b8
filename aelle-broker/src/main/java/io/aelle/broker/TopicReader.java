package io.aelle.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Test support beside the embedded broker: reads a topic from the beginning, without a consumer group. */
public final class TopicReader {

    private TopicReader() {}

    /** Reads until {@code expected} records arrived, then keeps polling {@code settle} more to catch extras. */
    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int expected, Duration timeout, Duration settle) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(EmbeddedKafka.BROKER_MAX_MESSAGE_BYTES));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(EmbeddedKafka.BROKER_MAX_MESSAGE_BYTES));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            // Assigned, not subscribed: no group rebalance to wait for.
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            long settleEnd = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settleEnd) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int expected) {
        return read(bootstrap, topic, expected, Duration.ofSeconds(30), Duration.ZERO);
    }
}
