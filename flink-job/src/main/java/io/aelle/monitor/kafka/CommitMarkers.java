package io.aelle.monitor.kafka;

import io.aelle.kafka.KafkaConnection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The last batch sequence each writer committed, stored as the offset of consumer group
 * {@code <prefix>-marker-<writer>} on partition 0 of the marker topic. The offset is committed inside the batch's
 * own transaction, so it is visible exactly when the batch is.
 */
public final class CommitMarkers implements AutoCloseable {

    private static final long TIMEOUT_S = 30;

    private final String prefix;
    private final TopicPartition marker;
    private final KafkaConnection connection;
    private Admin admin;

    public CommitMarkers(String bootstrapServers, String prefix, String markerTopic) {
        this(KafkaConnection.plain(bootstrapServers), prefix, markerTopic);
    }

    public CommitMarkers(KafkaConnection connection, String prefix, String markerTopic) {
        this.connection = connection;
        this.prefix = prefix;
        this.marker = new TopicPartition(markerTopic, 0);
    }

    public String group(int writer) {
        return prefix + "-marker-" + writer;
    }

    public ConsumerGroupMetadata groupMetadata(int writer) {
        return new ConsumerGroupMetadata(group(writer));
    }

    public Map<TopicPartition, OffsetAndMetadata> offsets(long sequence) {
        return Map.of(marker, new OffsetAndMetadata(sequence));
    }

    /** The last committed sequence of {@code writer}, or -1 when it never committed. */
    public long lastCommitted(int writer) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin()
                    .listConsumerGroupOffsets(group(writer), new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            OffsetAndMetadata o = offsets.get(marker);
            return o == null ? -1 : o.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading commit marker " + group(writer), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read commit marker " + group(writer) + ": " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection.clientProperties());
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
