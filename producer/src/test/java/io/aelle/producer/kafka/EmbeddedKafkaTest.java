package io.aelle.producer.kafka;

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
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

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
    void refusesAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException e = assertThrows(IOException.class, () -> EmbeddedKafka.start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }
}
