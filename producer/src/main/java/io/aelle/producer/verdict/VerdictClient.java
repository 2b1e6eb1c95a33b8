package io.aelle.producer.verdict;

import io.aelle.kafka.KafkaConnection;
import io.aelle.wire.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code aelle.verdicts} topic (key run_id, value {@link Verdict} JSON) from the beginning of
 * every partition (assigned, no consumer group; it waits for the topic to exist) with
 * {@code isolation.level=read_committed} on a background thread and keeps the latest verdict per run.
 * Plain Java with only kafka-clients: any search driver can call it. Malformed records are logged and skipped.
 */
public final class VerdictClient implements VerdictSource {

    public static final String DEFAULT_TOPIC = "aelle.verdicts";
    private static final Logger log = LoggerFactory.getLogger(VerdictClient.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Verdict> latest = new ConcurrentHashMap<>();
    private final Thread poller;
    private final String topic;
    private volatile boolean running = true;

    public VerdictClient(String bootstrapServers) {
        this(bootstrapServers, DEFAULT_TOPIC);
    }

    public VerdictClient(String bootstrapServers, String topic) {
        this(KafkaConnection.plain(bootstrapServers), topic);
    }

    public VerdictClient(KafkaConnection connection, String topic) {
        Properties p = connection.clientProperties();
        // No consumer group: every client reads the whole compacted topic itself and commits nothing.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1 << 20));
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        poller = new Thread(this::pollLoop, "aelle-verdict-client");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollLoop() {
        try {
            while (running && !assignPartitions()) {
                Thread.sleep(200);
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    accept(r);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            log.error("verdict client stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns every partition of the topic from the beginning; false while the topic does not exist yet. */
    private boolean assignPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
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
