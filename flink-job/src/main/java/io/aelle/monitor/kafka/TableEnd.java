package io.aelle.monitor.kafka;

import io.aelle.kafka.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a table topic (compacted, read whole) ends right now: per partition, the offset of the last record a
 * {@code read_committed} reader gets. A job that has read up to these offsets holds the whole table as of its start.
 * <p>Why the last record's offset and not the end offset: the end offset may follow transaction markers or an
 * aborted batch that no reader ever receives, so "offset seen >= end - 1" could wait forever. Finding the last
 * record reads backwards from the end in growing steps, so a table of large records is not read twice.
 */
public final class TableEnd {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TableEnd() {}

    /** Partition → offset of its last committed record; partitions without one are absent. */
    public static Map<Integer, Long> lastRecordOffsets(KafkaConnection connection, String topic, int maxRecordBytes) {
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(maxRecordBytes));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(maxRecordBytes));
        Map<Integer, Long> last = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition tp : partitions) {
                long b = begin.get(tp);
                long e = end.get(tp);
                for (long back = 1; e > b; back *= 8) {
                    long from = Math.max(b, e - back);
                    long found = lastRecordFrom(consumer, tp, from, e);
                    if (found >= 0) {
                        last.put(tp.partition(), found);
                        break;
                    }
                    if (from == b) {
                        break; // only markers or aborted records: an empty table
                    }
                }
            }
        }
        return last;
    }

    private static long lastRecordFrom(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long end) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long found = -1;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(tp, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + tp + " up to offset " + end + " took over " + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                found = Math.max(found, r.offset());
            }
        }
        return found;
    }
}
