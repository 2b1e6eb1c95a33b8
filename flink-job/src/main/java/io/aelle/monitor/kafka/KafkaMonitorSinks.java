package io.aelle.monitor.kafka;

import io.aelle.monitor.job.MonitorSinks;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.VerdictEvent;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Verdicts and dead letters to Kafka, exactly once: each Flink checkpoint commits one Kafka transaction per
 * writer, so {@code read_committed} readers see every record once even across restarts.
 */
public final class KafkaMonitorSinks {

    /** Below the broker's default {@code transaction.max.timeout.ms} (15 min), above any checkpoint we take. */
    static final String TRANSACTION_TIMEOUT_MS = Integer.toString(10 * 60 * 1000);

    private KafkaMonitorSinks() {}

    public static MonitorSinks of(KafkaWiring kafka) {
        return new MonitorSinks(
                sink(kafka, new VerdictSerializer(kafka.verdictsTopic()), kafka.transactionalIdPrefix() + "-verdicts"),
                sink(kafka, new DeadLetterSerializer(kafka.deadLettersTopic()), kafka.transactionalIdPrefix() + "-dead-letters"),
                null);
    }

    private static <T> KafkaSink<T> sink(KafkaWiring kafka, KafkaRecordSerializationSchema<T> serializer, String txPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(txPrefix)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .setProperty("max.request.size", Integer.toString(kafka.maxRecordBytes() + (1 << 20)))
                .setProperty("compression.type", "zstd")
                .build();
    }
}
