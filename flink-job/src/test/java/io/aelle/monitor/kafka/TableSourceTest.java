package io.aelle.monitor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A table source's split, read back from state, starts at the earliest offset whatever position was saved. */
class TableSourceTest {

    @Test
    void aRestoredSplitStartsAtTheEarliestOffset() throws Exception {
        var serializer = new TableSource.FromEarliest();
        KafkaPartitionSplit saved = new KafkaPartitionSplit(new TopicPartition("aelle.probes", 3), 42L);
        byte[] bytes = serializer.serialize(saved);
        assertEquals(new KafkaPartitionSplitSerializer().getVersion(), serializer.getVersion(), "Kafka's own split format");
        KafkaPartitionSplit restored = serializer.deserialize(serializer.getVersion(), bytes);
        assertEquals(saved.getTopicPartition(), restored.getTopicPartition());
        assertEquals(KafkaPartitionSplit.EARLIEST_OFFSET, restored.getStartingOffset());
        assertEquals(Optional.empty(), restored.getStoppingOffset(), "still unbounded");
        assertEquals(42L, new KafkaPartitionSplitSerializer().deserialize(serializer.getVersion(), bytes).getStartingOffset(),
                "the position is saved; only reading it back forgets it");
    }
}
