package io.aelle.app.producer;

import io.aelle.model.embedding.BundleArchive;
import io.aelle.producer.kafka.BundlePublisher;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code publish-bundle DIR}: sends an embedding bundle to the compacted bundles topic, where a running job picks it up. */
@Command(name = "publish-bundle", mixinStandardHelpOptions = true,
        description = {"Publishes an embedding bundle (a directory from `train`, or the name of a shipped bundle) to the "
                + "bundles topic, key its study id. A running monitor job uses it for the study's next checkpoints and at once "
                + "gives a verdict for the latest checkpoint of every active run of the study; a later bundle for the same "
                + "study replaces it.",
                "The record is one file holding bundle.json, the parameter file and the provenance (provenance.json from the "
                        + "directory if present, else 'published' now); it is checked before it is sent."},
        footer = {"", "Examples:",
                "  aelle-monitor publish-bundle out/bundle-sine",
                "  aelle-monitor publish-bundle smnist-demo --bootstrap-servers broker:9092"})
public final class PublishBundleCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "DIR", description = "Bundle directory (bundle.json inside), or the name of a shipped bundle.")
    String bundle;

    @Override
    public Integer call() throws Exception {
        BundleArchive archive = BundleArchive.fromDirectoryOrShipped(bundle);
        kafka.requireReachable();
        try (BundlePublisher publisher = new BundlePublisher(kafka.producerSettings(), kafka.topics())) {
            RecordMetadata at = publisher.publish(archive);
            System.out.printf("bundle of study %s (%s, %d bytes) -> %s-%d@%d%n", archive.study(), archive.embedding().type().id(),
                    archive.toBytes().length, at.topic(), at.partition(), at.offset());
        }
        return 0;
    }
}
