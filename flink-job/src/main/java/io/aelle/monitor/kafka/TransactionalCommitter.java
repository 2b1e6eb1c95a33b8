package io.aelle.monitor.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link KafkaBatch} in one transaction with its commit marker, skipping batches the marker shows
 * as written. One transactional producer per writer ({@code transactional.id = <prefix>-<writer>}); creating it
 * fences and aborts whatever an earlier incarnation left open.
 */
final class TransactionalCommitter implements Committer<KafkaBatch> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalCommitter.class);

    private final Properties config;
    private final String prefix;
    private final CommitMarkers markers;
    private final Map<Integer, KafkaProducer<byte[], byte[]>> producers = new HashMap<>();
    /** Where the producers' client metrics go ({@code kafka_producer_*}, tag {@code sink}); null: nowhere. */
    private final MeterRegistry registry;
    /** Each producer's client metrics ({@code kafka_producer_*}, tag {@code sink}). */
    private final Map<Integer, KafkaClientMetrics> producerMetrics = new HashMap<>();
    private final Map<Integer, Long> committed = new HashMap<>();

    TransactionalCommitter(Properties config, String transactionalIdPrefix, CommitMarkers markers) {
        this(config, transactionalIdPrefix, markers, null);
    }

    TransactionalCommitter(Properties config, String transactionalIdPrefix, CommitMarkers markers, MeterRegistry registry) {
        this.registry = registry;
        this.config = config;
        this.prefix = transactionalIdPrefix;
        this.markers = markers;
    }

    @Override
    public void commit(Collection<CommitRequest<KafkaBatch>> requests) {
        List<CommitRequest<KafkaBatch>> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparingInt((CommitRequest<KafkaBatch> r) -> r.getCommittable().writer())
                .thenComparingLong(r -> r.getCommittable().sequence()));
        Set<Integer> failed = new HashSet<>();
        for (CommitRequest<KafkaBatch> request : ordered) {
            KafkaBatch batch = request.getCommittable();
            if (failed.contains(batch.writer())) {
                request.retryLater(); // keep the writer's batches in order: a later one must not pass a failed one
                continue;
            }
            long last = committed.computeIfAbsent(batch.writer(), markers::lastCommitted);
            if (batch.sequence() <= last) {
                request.signalAlreadyCommitted();
                continue;
            }
            KafkaProducer<byte[], byte[]> producer = producer(batch.writer());
            try {
                producer.beginTransaction();
                for (ProducerRecord<byte[], byte[]> r : batch.records()) {
                    producer.send(r);
                }
                producer.sendOffsetsToTransaction(markers.offsets(batch.sequence()), markers.groupMetadata(batch.writer()));
                producer.commitTransaction();
                committed.put(batch.writer(), batch.sequence());
            } catch (KafkaException e) {
                LOG.warn("committing batch {} of writer {} failed, will retry: {}", batch.sequence(), batch.writer(), e.toString());
                discard(batch.writer());
                failed.add(batch.writer());
                request.retryLater();
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer(int writer) {
        return producers.computeIfAbsent(writer, w -> {
            Properties p = new Properties();
            p.putAll(config);
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-" + w);
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions();
            if (registry != null) {
                KafkaClientMetrics metrics = new KafkaClientMetrics(producer, Tags.of("sink", prefix));
                metrics.bindTo(registry);
                producerMetrics.put(w, metrics);
            }
            return producer;
        });
    }

    /** Drops a producer in an unknown state and forgets the cached marker, so the next try re-reads both. */
    private void discard(int writer) {
        KafkaProducer<byte[], byte[]> p = producers.remove(writer);
        committed.remove(writer);
        KafkaClientMetrics metrics = producerMetrics.remove(writer);
        if (metrics != null) {
            metrics.close();
        }
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        producerMetrics.values().forEach(KafkaClientMetrics::close);
        producerMetrics.clear();
        producers.values().forEach(KafkaProducer::close);
        producers.clear();
        markers.close();
    }
}
