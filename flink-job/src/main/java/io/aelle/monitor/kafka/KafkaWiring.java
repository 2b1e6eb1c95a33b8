package io.aelle.monitor.kafka;

import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;

/**
 * How the job reaches Kafka: brokers and their client security settings, topic names, consumer group and
 * transactional-id prefix.
 *
 * @param maxRecordBytes largest record read or written (a checkpoint, or a dead letter that carries one)
 */
public record KafkaWiring(KafkaConnection connection, Topics topics, String groupId, String transactionalIdPrefix,
                          int maxRecordBytes) {

    /** The default topics, group and transactional-id prefix {@code aelle-monitor}, brokers without TLS or SASL. */
    public static KafkaWiring defaults(String bootstrapServers) {
        return defaults(KafkaConnection.plain(bootstrapServers));
    }

    /** The default topics, group and transactional-id prefix {@code aelle-monitor}. */
    public static KafkaWiring defaults(KafkaConnection connection) {
        return new KafkaWiring(connection, Topics.defaults(), "aelle-monitor", "aelle-monitor",
                ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
    }

    public String bootstrapServers() {
        return connection.bootstrapServers();
    }

    public KafkaWiring withGroup(String group, String txPrefix) {
        return new KafkaWiring(connection, topics, group, txPrefix, maxRecordBytes);
    }

    public KafkaWiring withTopics(Topics t) {
        return new KafkaWiring(connection, t, groupId, transactionalIdPrefix, maxRecordBytes);
    }
}
