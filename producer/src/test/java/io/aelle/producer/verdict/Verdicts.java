package io.aelle.producer.verdict;

import io.aelle.wire.Verdict;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helper: verdicts as the streaming job would publish them. */
public final class Verdicts {

    private Verdicts() {}

    public static Verdict of(String runId, int epoch, int total, String verdict) {
        return new Verdict(runId, "study", epoch, total, (double) epoch / total, 0.1, -0.2, 1.0, verdict, verdict, 0.05, -0.3,
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", 1000);
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static void send(KafkaProducer<String, byte[]> producer, String topic, Verdict v) {
        try {
            producer.send(new ProducerRecord<>(topic, v.runId(), v.toJson())).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test verdict", e);
        }
    }
}
