package io.aelle.monitor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Where a table topic ends: the last committed record's offset, past transaction markers and aborted records. */
class TableEndTest {

    @Test
    void theLastCommittedRecordOfEachPartitionNotTheEndOffset() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("table", 3, (short) 1))).all().get();
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "table-end-test");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) { // offsets 0..2, then the commit marker at 3
                    producer.send(new ProducerRecord<>("table", 0, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1}));
                }
                producer.send(new ProducerRecord<>("table", 1, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1})); // offset 0
                producer.commitTransaction();
                producer.beginTransaction(); // aborted: offsets 4..13 and a marker on partition 0, never read
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("table", 0, "gone".getBytes(StandardCharsets.UTF_8), new byte[] {2}));
                }
                producer.abortTransaction();
            }
            assertEquals(Map.of(0, 2L, 1, 0L), TableEnd.lastRecordOffsets(KafkaConnection.plain(kafka.bootstrapServers()), "table", 1 << 20),
                    "partition 2 has no record and is absent");
        }
    }
}
