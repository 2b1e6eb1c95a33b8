package io.aelle.monitor.kafka;

import io.aelle.monitor.job.MonitorSinks;
import io.aelle.monitor.metrics.MetricsProvider;
import java.util.Map;

/**
 * Verdicts and dead letters to Kafka, exactly once ({@link TransactionalKafkaSink}): records become visible to
 * {@code read_committed} readers when the Flink checkpoint that covers them completes.
 */
public final class KafkaMonitorSinks {

    private KafkaMonitorSinks() {}

    /** @param metrics where the sinks' producers report their client metrics ({@code kafka_producer_*}) */
    public static MonitorSinks of(KafkaWiring kafka, MetricsProvider metrics) {
        // Large enough for a dead letter that carries a whole checkpoint.
        Map<String, String> producer = Map.of(
                "max.request.size", Integer.toString(kafka.maxRecordBytes() + (1 << 20)),
                "compression.type", "zstd");
        return new MonitorSinks(
                new TransactionalKafkaSink<>(kafka.connection(), kafka.transactionalIdPrefix() + "-verdicts",
                        kafka.topics().verdicts(), new VerdictSerializer(kafka.topics().verdicts()), producer, metrics),
                new TransactionalKafkaSink<>(kafka.connection(), kafka.transactionalIdPrefix() + "-dead-letters",
                        kafka.topics().deadLetters(), new DeadLetterSerializer(kafka.topics().deadLetters()), producer, metrics),
                null);
    }
}
