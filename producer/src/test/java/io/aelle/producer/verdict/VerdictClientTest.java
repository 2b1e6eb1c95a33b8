package io.aelle.producer.verdict;

import io.aelle.wire.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.TopicInitializer;
import io.aelle.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verdict client against a real broker: latest per run, blocking wait, bad records skipped, read_committed. */
class VerdictClientTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
            init.initialize(Topics.defaults(), 1, (short) 1, 1 << 20);
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void keepsTheLatestVerdictPerRunAndWaitsForNewOnes() throws Exception {
        try (VerdictClient client = new VerdictClient(kafka.bootstrapServers());
             KafkaProducer<String, byte[]> producer = Verdicts.producer(kafka.bootstrapServers())) {
            Verdicts.send(producer, VerdictClient.DEFAULT_TOPIC, Verdicts.of("run-1", 1, 10, Verdict.LIKELY_LOW_ERROR));
            producer.send(new ProducerRecord<>(VerdictClient.DEFAULT_TOPIC, "run-1", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            Verdicts.send(producer, VerdictClient.DEFAULT_TOPIC, Verdicts.of("run-1", 2, 10, Verdict.LIKELY_HIGH_ERROR));
            Optional<Verdict> v = client.await("run-1", 2, Duration.ofSeconds(30));
            assertTrue(v.isPresent());
            assertEquals(2, v.get().epoch());
            assertEquals(Verdict.LIKELY_HIGH_ERROR, client.latest("run-1").orElseThrow().verdict());

            long t0 = System.nanoTime();
            assertTrue(client.await("nobody", 0, Duration.ofMillis(300)).isEmpty());
            assertTrue(System.nanoTime() - t0 >= 250_000_000L, "await waits out its timeout");

            Thread later = new Thread(() -> Verdicts.send(producer, VerdictClient.DEFAULT_TOPIC,
                    Verdicts.of("run-2", 3, 10, Verdict.LIKELY_LOW_ERROR)));
            later.start();
            assertEquals(3, client.await("run-2", 3, Duration.ofSeconds(30)).orElseThrow().epoch());
            later.join();
        }
    }

    @Test
    void abortedTransactionsAreNeverSeen() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "verdict-test-tx");
        try (VerdictClient client = new VerdictClient(kafka.bootstrapServers());
             KafkaProducer<String, byte[]> tx = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(VerdictClient.DEFAULT_TOPIC, "run-tx", Verdicts.of("run-tx", 5, 10, Verdict.LIKELY_HIGH_ERROR).toJson()));
            tx.abortTransaction();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(VerdictClient.DEFAULT_TOPIC, "run-tx", Verdicts.of("run-tx", 1, 10, Verdict.LIKELY_LOW_ERROR).toJson()));
            tx.commitTransaction();
            Verdict v = client.await("run-tx", 1, Duration.ofSeconds(30)).orElseThrow();
            Thread.sleep(500); // the aborted epoch-5 verdict would have arrived first
            assertEquals(1, client.latest("run-tx").orElseThrow().epoch());
            assertEquals(Verdict.LIKELY_LOW_ERROR, v.verdict());
        }
    }
}
