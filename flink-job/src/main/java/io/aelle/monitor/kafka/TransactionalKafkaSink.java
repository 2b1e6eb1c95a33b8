package io.aelle.monitor.kafka;

import io.aelle.kafka.KafkaConnection;
import io.aelle.monitor.metrics.MetricsProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An exactly-once Kafka sink built on public Kafka APIs only.
 * <p>Why not the connector's {@code KafkaSink} with {@code EXACTLY_ONCE}: flink-connector-kafka 5.0.0-2.2 calls
 * {@code TransactionalRequestResult.await()}, an internal kafka-clients method that 4.3.1 (our pinned client)
 * no longer has, so every transactional flush fails with {@code NoSuchMethodError}.
 * <p>How: each writer buffers its records between Flink checkpoints and hands them over as a {@link KafkaBatch}
 * (kept in the checkpoint). After the checkpoint completes, the committer writes the batch in one Kafka
 * transaction that also commits the batch's sequence number as a consumer-group offset (the commit marker, see
 * {@link CommitMarkers}). A batch replayed after a restart whose sequence the marker already holds is skipped,
 * so {@code read_committed} readers see every record exactly once.
 */
public final class TransactionalKafkaSink<T> implements Sink<T>, SupportsCommitter<KafkaBatch>,
        SupportsWriterState<T, Long> {

    private final KafkaConnection connection;
    private final String transactionalIdPrefix;
    private final String markerTopic;
    private final RecordEncoder<T> encoder;
    private final Map<String, String> producerOverrides;
    /** Where the committer's producers report their client metrics; null: nowhere. */
    private final MetricsProvider metrics;

    /**
     * @param markerTopic a topic that exists (the sink's own): its partition 0 carries the commit markers
     */
    public TransactionalKafkaSink(String bootstrapServers, String transactionalIdPrefix, String markerTopic,
                                  RecordEncoder<T> encoder, Map<String, String> producerOverrides) {
        this(KafkaConnection.plain(bootstrapServers), transactionalIdPrefix, markerTopic, encoder, producerOverrides);
    }

    public TransactionalKafkaSink(KafkaConnection connection, String transactionalIdPrefix, String markerTopic,
                                  RecordEncoder<T> encoder, Map<String, String> producerOverrides) {
        this(connection, transactionalIdPrefix, markerTopic, encoder, producerOverrides, null);
    }

    /** @param metrics where the producers' client metrics ({@code kafka_producer_*}) go; null: nowhere */
    public TransactionalKafkaSink(KafkaConnection connection, String transactionalIdPrefix, String markerTopic,
                                  RecordEncoder<T> encoder, Map<String, String> producerOverrides, MetricsProvider metrics) {
        this.metrics = metrics;
        this.connection = connection;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.markerTopic = markerTopic;
        this.encoder = encoder;
        this.producerOverrides = Map.copyOf(producerOverrides);
    }

    @Override
    public BatchingWriter<T> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public BatchingWriter<T> restoreWriter(WriterInitContext context, Collection<Long> nextSequences) throws IOException {
        int writer = context.getTaskInfo().getIndexOfThisSubtask();
        long next = nextSequences.stream().mapToLong(Long::longValue).max().orElse(-1);
        if (next < 0) {
            // A fresh start may follow an earlier run with the same prefix: continue after its last committed batch.
            try (CommitMarkers markers = markers()) {
                next = markers.lastCommitted(writer) + 1;
            }
        }
        return new BatchingWriter<>(writer, next, encoder);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new SequenceSerializer();
    }

    @Override
    public Committer<KafkaBatch> createCommitter(CommitterInitContext context) {
        return new TransactionalCommitter(producerConfig(), transactionalIdPrefix, markers(),
                metrics == null ? null : metrics.metrics().registry());
    }

    @Override
    public SimpleVersionedSerializer<KafkaBatch> getCommittableSerializer() {
        return new KafkaBatch.Serializer();
    }

    private CommitMarkers markers() {
        return new CommitMarkers(connection, transactionalIdPrefix, markerTopic);
    }

    private Properties producerConfig() {
        Properties p = connection.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putAll(producerOverrides);
        return p;
    }

    /** Buffers records until the next checkpoint; no Kafka connection of its own. */
    public static final class BatchingWriter<T> implements CommittingSinkWriter<T, KafkaBatch>, StatefulSinkWriter<T, Long> {

        private final int writer;
        private final RecordEncoder<T> encoder;
        private long nextSequence;
        private List<ProducerRecord<byte[], byte[]>> buffer = new ArrayList<>();

        BatchingWriter(int writer, long nextSequence, RecordEncoder<T> encoder) {
            this.writer = writer;
            this.nextSequence = nextSequence;
            this.encoder = encoder;
        }

        @Override
        public void write(T element, Context context) {
            buffer.add(encoder.encode(element));
        }

        @Override
        public void flush(boolean endOfInput) {
            // Records leave only through prepareCommit, inside a transaction.
        }

        @Override
        public Collection<KafkaBatch> prepareCommit() {
            if (buffer.isEmpty()) {
                return List.of();
            }
            KafkaBatch batch = new KafkaBatch(writer, nextSequence++, buffer);
            buffer = new ArrayList<>();
            return List.of(batch);
        }

        @Override
        public List<Long> snapshotState(long checkpointId) {
            return List.of(nextSequence);
        }

        @Override
        public void close() {
            buffer.clear();
        }
    }

    /** Writer state: the next batch sequence number. */
    static final class SequenceSerializer implements SimpleVersionedSerializer<Long>, Serializable {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long next) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(next);
            }
            return bytes.toByteArray();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return in.readLong();
            }
        }
    }
}
