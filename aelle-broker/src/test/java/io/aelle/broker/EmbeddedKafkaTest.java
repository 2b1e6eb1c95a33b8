package io.aelle.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded KRaft broker: serves transactions (the Flink job's exactly-once sink needs them) and cleans up. */
class EmbeddedKafkaTest {

    @Test
    void servesTransactionsAndRemovesItsFolderOnClose() throws Exception {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.directory();
            assertTrue(Files.isDirectory(dir));
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
            assertTrue(kafka.port() > 0);

            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-test");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-topic", "k".getBytes(StandardCharsets.UTF_8), "aborted".getBytes(StandardCharsets.UTF_8)));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-topic", "k".getBytes(StandardCharsets.UTF_8), "committed".getBytes(StandardCharsets.UTF_8)));
                producer.commitTransaction();
            }
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), "tx-topic", 1,
                    java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(500));
            assertEquals(1, records.size(), "a read_committed consumer sees only the committed record");
            assertEquals("committed", new String(records.get(0).value(), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(dir), "the broker's folder is removed on close");
    }

    @Test
    void aBrokerOnADataDirKeepsRecordsAndCommittedOffsetsAcrossARestart(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("kafka");
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, data)) {
            port = kafka.port();
            send(kafka.bootstrapServers(), "kept", "before");
            commitOffset(kafka.bootstrapServers(), "kept-group", "kept", 1);
        }
        assertTrue(Files.isDirectory(data.resolve("data")), "the data folder is kept on close");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, data)) {
            assertEquals(port, kafka.port(), "port 0 takes the folder's earlier port while it is free");
            send(kafka.bootstrapServers(), "kept", "after");
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), "kept", 2,
                    java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(500));
            assertEquals(List.of("before", "after"), records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("kept-group").partitionsToOffsetAndMetadata().get()
                        .get(new TopicPartition("kept", 0));
                assertEquals(1, committed.offset(), "the group's committed offset survived the restart");
            }
        }
    }

    private static void send(String bootstrap, String topic, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-restart-test");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
            producer.commitTransaction();
        }
    }

    private static void commitOffset(String bootstrap, String group, String topic, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset))).all().get();
        }
    }

    @Test
    void refusesAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException e = assertThrows(IOException.class, () -> EmbeddedKafka.start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }
}
