package io.aelle.monitor.kafka;

import io.aelle.producer.kafka.ProducerSettings;
import io.aelle.producer.kafka.Topics;

/**
 * How the job reaches Kafka: brokers, topic names, consumer group and transactional-id prefix.
 *
 * @param maxRecordBytes largest record read or written (a checkpoint, or a dead letter that carries one)
 */
public record KafkaWiring(String bootstrapServers, Topics topics, String groupId, String transactionalIdPrefix,
                          int maxRecordBytes) {

    public KafkaWiring {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required");
        }
    }

    /** The default topics, group and transactional-id prefix {@code aelle-monitor}. */
    public static KafkaWiring defaults(String bootstrapServers) {
        return new KafkaWiring(bootstrapServers, Topics.defaults(), "aelle-monitor", "aelle-monitor",
                ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
    }

    public KafkaWiring withGroup(String group, String txPrefix) {
        return new KafkaWiring(bootstrapServers, topics, group, txPrefix, maxRecordBytes);
    }

    public KafkaWiring withTopics(Topics t) {
        return new KafkaWiring(bootstrapServers, t, groupId, transactionalIdPrefix, maxRecordBytes);
    }
}
