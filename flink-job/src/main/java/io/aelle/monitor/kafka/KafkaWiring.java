package io.aelle.monitor.kafka;

import java.io.Serializable;

/**
 * How the job reaches Kafka: brokers, topic names, consumer group and transactional-id prefix.
 *
 * @param maxRecordBytes largest record read or written (a checkpoint, or a dead letter that carries one)
 */
public record KafkaWiring(String bootstrapServers, String checkpointsTopic, String probesTopic, String outcomesTopic,
                          String verdictsTopic, String deadLettersTopic, String groupId, String transactionalIdPrefix,
                          int maxRecordBytes) implements Serializable {

    public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;

    public KafkaWiring {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required");
        }
    }

    /** The default topic names, group {@code aelle-monitor}. */
    public static KafkaWiring defaults(String bootstrapServers) {
        return new KafkaWiring(bootstrapServers, "aelle.checkpoints", "aelle.probes", "aelle.outcomes", "aelle.verdicts",
                "aelle.dead-letters", "aelle-monitor", "aelle-monitor", DEFAULT_MAX_RECORD_BYTES);
    }

    public KafkaWiring withGroup(String group, String txPrefix) {
        return new KafkaWiring(bootstrapServers, checkpointsTopic, probesTopic, outcomesTopic, verdictsTopic,
                deadLettersTopic, group, txPrefix, maxRecordBytes);
    }
}
