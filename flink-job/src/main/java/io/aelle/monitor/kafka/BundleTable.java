package io.aelle.monitor.kafka;

import io.aelle.model.embedding.BundleArchive;
import io.aelle.producer.kafka.BundlePublisher;
import io.aelle.producer.kafka.ProducerSettings;
import io.aelle.producer.kafka.TopicInitializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --bundle}s of the monitor's commands go to the bundles table at start, from where the job reads them
 * (a bundle equal to the one the job holds changes nothing: no second verdicts).
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
     * Publishes the bundles; first creates the topics if missing ({@code partitions} each) when {@code partitions > 0}
     * (a cluster's topics come from {@code init-topics}: 0).
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
        try (BundlePublisher publisher = new BundlePublisher(
                ProducerSettings.of(kafka.connection()).withMaxRecordBytes(kafka.maxRecordBytes()), kafka.topics())) {
            for (BundleArchive b : bundles) {
                publisher.publish(b);
                LOG.info("bundle of study {} published to {}", b.study(), kafka.topics().bundles());
            }
        }
    }
}
