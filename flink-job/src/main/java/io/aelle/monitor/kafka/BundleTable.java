package io.aelle.monitor.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.PublishFailedException;
import io.aelle.kafka.TopicInitializer;
import io.aelle.model.embedding.BundleArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --bundle}s of {@code run}, {@code demo} and {@code flink run} go to the bundles table at start, from where
 * the job reads them (a bundle equal to the one the job holds changes nothing: no second verdicts). The job's
 * module has no publisher of its own ({@code publish-bundle} and the trainer use the producer's), so this sends with
 * a plain idempotent producer of the connection's settings.
 */
public final class BundleTable {

    private static final Logger LOG = LoggerFactory.getLogger(BundleTable.class);

    private BundleTable() {}

    /**
     * Reads every bundle (a usage error names a bad one), one per study.
     *
     * @throws IllegalArgumentException when two bundles are for the same study
     */
    public static List<BundleArchive> read(List<String> bundles) throws IOException {
        List<BundleArchive> out = new ArrayList<>();
        Set<String> studies = new HashSet<>();
        for (String b : bundles) {
            BundleArchive a = BundleArchive.fromDirectoryOrShipped(b);
            if (!studies.add(a.study())) {
                throw new IllegalArgumentException("two bundles for study '" + a.study() + "'");
            }
            out.add(a);
        }
        return out;
    }

    /**
     * Publishes the bundles (key study_id); first creates the topics if missing, {@code partitions} each, when
     * {@code partitions > 0} (a cluster's topics come from {@code init-topics}: 0).
     *
     * @throws PublishFailedException when a bundle is not acknowledged
     */
    public static void publish(KafkaWiring kafka, List<BundleArchive> bundles, int partitions) {
        if (bundles.isEmpty()) {
            return;
        }
        if (partitions > 0) {
            try (TopicInitializer topics = new TopicInitializer(kafka.connection())) {
                topics.initialize(kafka.topics(), partitions, (short) 1, kafka.maxRecordBytes());
            }
        }
        var properties = ProducerSettings.of(kafka.connection()).withMaxRecordBytes(kafka.maxRecordBytes()).toProperties();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (BundleArchive b : bundles) {
                try {
                    producer.send(new ProducerRecord<>(kafka.topics().bundles(), b.study().getBytes(StandardCharsets.UTF_8),
                            b.toBytes())).get();
                } catch (ExecutionException e) {
                    throw new PublishFailedException("bundle of study '" + b.study() + "' was not published to "
                            + kafka.topics().bundles() + ": " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PublishFailedException("interrupted while publishing the bundle of study '" + b.study() + "'", e);
                }
                LOG.info("bundle of study {} published to {}", b.study(), kafka.topics().bundles());
            }
        }
    }
}
