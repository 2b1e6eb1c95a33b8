package io.aelle.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How the publishers talk to Kafka: an idempotent producer with {@code acks=all} and zstd compression whose
 * record limit fits whole checkpoints.
 *
 * @param maxRecordBytes largest record (key + value + framing) sent; {@code max.request.size}
 * @param bufferMemory   producer buffer; must hold at least one record of {@code maxRecordBytes}
 * @param maxBlockMs     how long a send may wait for metadata or buffer space (e.g. no broker reachable)
 * @param overrides      further producer properties, applied last
 */
public record ProducerSettings(String bootstrapServers, int maxRecordBytes, long bufferMemory, long maxBlockMs,
                               Map<String, String> overrides) {

    public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    private static final long DEFAULT_MAX_BLOCK_MS = 30_000;

    public ProducerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required (host:port)");
        }
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("max record bytes must be at least 1024, got " + maxRecordBytes);
        }
        if (bufferMemory < maxRecordBytes) {
            throw new IllegalArgumentException("producer buffer memory (" + bufferMemory + ") must be at least the max record bytes ("
                    + maxRecordBytes + ")");
        }
        if (maxBlockMs <= 0) {
            throw new IllegalArgumentException("max block ms must be > 0, got " + maxBlockMs);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Defaults: 64 MiB records, a buffer of two such records, 30 s to find a broker. */
    public static ProducerSettings of(String bootstrapServers) {
        return new ProducerSettings(bootstrapServers, DEFAULT_MAX_RECORD_BYTES, 2L * DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_BLOCK_MS, Map.of());
    }

    /** Defaults for a connection: its bootstrap servers, and its client properties (TLS, SASL) as overrides. */
    public static ProducerSettings of(KafkaConnection connection) {
        ProducerSettings s = of(connection.bootstrapServers());
        return new ProducerSettings(s.bootstrapServers, s.maxRecordBytes, s.bufferMemory, s.maxBlockMs, connection.properties());
    }

    /** Changes the record limit; the buffer grows to two records if it was smaller. */
    public ProducerSettings withMaxRecordBytes(int bytes) {
        return new ProducerSettings(bootstrapServers, bytes, Math.max(bufferMemory, 2L * bytes), maxBlockMs, overrides);
    }

    public ProducerSettings withBufferMemory(long bytes) {
        return new ProducerSettings(bootstrapServers, maxRecordBytes, bytes, maxBlockMs, overrides);
    }

    public ProducerSettings withMaxBlockMs(long ms) {
        return new ProducerSettings(bootstrapServers, maxRecordBytes, bufferMemory, ms, overrides);
    }

    public ProducerSettings withOverride(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(overrides);
        m.put(key, value);
        return new ProducerSettings(bootstrapServers, maxRecordBytes, bufferMemory, maxBlockMs, m);
    }

    /** Never shows a secret of the overrides (e.g. {@code sasl.jaas.config}). */
    @Override
    public String toString() {
        return "ProducerSettings[" + new KafkaConnection(bootstrapServers, overrides) + ", maxRecordBytes=" + maxRecordBytes
                + ", bufferMemory=" + bufferMemory + ", maxBlockMs=" + maxBlockMs + "]";
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: when a just-created partition's first produce failed with NOT_LEADER_OR_FOLLOWER
        // while later batches of the same idempotent producer were appended, the broker answered the retried first
        // batch with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (seen in CI). Records are few and large.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecordBytes));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferMemory));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlockMs));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putAll(overrides);
        return p;
    }
}
