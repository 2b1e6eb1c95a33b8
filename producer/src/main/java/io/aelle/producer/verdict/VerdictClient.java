package io.aelle.producer.verdict;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code aelle.verdicts} topic (key run_id, value {@link Verdict} JSON) from the beginning
 * with {@code isolation.level=read_committed} on a background thread and keeps the latest verdict per run.
 * Plain Java with only kafka-clients: any search driver can call it. Malformed records are logged and skipped.
 */
public final class VerdictClient implements VerdictSource {

    public static final String DEFAULT_TOPIC = "aelle.verdicts";
    private static final Logger log = LoggerFactory.getLogger(VerdictClient.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Verdict> latest = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    public VerdictClient(String bootstrapServers) {
        this(bootstrapServers, DEFAULT_TOPIC);
    }

    public VerdictClient(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A private group: every client sees the whole compacted topic, nothing is committed.
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "aelle-verdict-client-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1 << 20));
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(java.util.List.of(topic));
        poller = new Thread(this::pollLoop, "aelle-verdict-client");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    accept(r);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            log.error("verdict client stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        Verdict v;
        try {
            v = Verdict.parse(r.value());
        } catch (IllegalArgumentException e) {
            log.warn("skipping malformed verdict at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        if (v.runId() == null) {
            log.warn("skipping verdict without run_id at {}-{}@{}", r.topic(), r.partition(), r.offset());
            return;
        }
        synchronized (this) {
            latest.merge(v.runId(), v, (old, neu) -> neu.epoch() >= old.epoch() ? neu : old);
            notifyAll();
        }
    }

    @Override
    public Optional<Verdict> latest(String runId) {
        return Optional.ofNullable(latest.get(runId));
    }

    @Override
    public synchronized Optional<Verdict> await(String runId, int minEpoch, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Verdict v = latest.get(runId);
            if (v != null && v.epoch() >= minEpoch) {
                return Optional.of(v);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !running) {
                return Optional.ofNullable(v);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
