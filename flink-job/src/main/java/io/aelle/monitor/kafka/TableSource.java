package io.aelle.monitor.kafka;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Kafka source for a table topic (compacted: the latest value per key is the table): it reads every partition
 * from the earliest offset whenever its reader starts, whatever Flink state it is restored from.
 * <p>How: a {@link KafkaSource} whose split serializer forgets the position. A Kafka split carries its next offset,
 * and a restored one resumes there, which would skip the table's earlier rows; every split this serializer reads
 * back (from a checkpoint or savepoint, or as handed from the enumerator) starts at
 * {@link KafkaPartitionSplit#EARLIEST_OFFSET}. Why not a new uid at each start with "allow non-restored state":
 * that only holds where the restore is configured so (a savepoint restore, a local resume); a recovery from a
 * JobManager failover or the Kubernetes operator's last-state upgrade restores the checkpoint as is and would fail
 * on the unknown operator. This keeps one uid and one job graph, and rereading a table is harmless: its rows are
 * idempotent puts.
 */
public final class TableSource<T> implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {

    private final KafkaSource<T> kafka;

    public TableSource(KafkaSource<T> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context) throws Exception {
        return kafka.createReader(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(SplitEnumeratorContext<KafkaPartitionSplit> context) {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state) throws IOException {
        return kafka.restoreEnumerator(context, state);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return new FromEarliest();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return kafka.getProducedType();
    }

    /** Kafka's split format, read back with the starting offset set to the earliest. */
    static final class FromEarliest implements SimpleVersionedSerializer<KafkaPartitionSplit> {

        private final KafkaPartitionSplitSerializer kafka = new KafkaPartitionSplitSerializer();

        @Override
        public int getVersion() {
            return kafka.getVersion();
        }

        @Override
        public byte[] serialize(KafkaPartitionSplit split) throws IOException {
            return kafka.serialize(split);
        }

        @Override
        public KafkaPartitionSplit deserialize(int version, byte[] serialized) throws IOException {
            KafkaPartitionSplit split = kafka.deserialize(version, serialized);
            return new KafkaPartitionSplit(split.getTopicPartition(), KafkaPartitionSplit.EARLIEST_OFFSET,
                    split.getStoppingOffset().orElse(KafkaPartitionSplit.NO_STOPPING_OFFSET));
        }
    }
}
