package io.aelle.producer.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.wire.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes a study's embedding bundle to the compacted bundles topic: key study_id, value one
 * {@link BundleArchive} file. The latest record per study is the bundle the job uses; a running job picks it up.
 */
public final class BundlePublisher extends Publisher {

    public BundlePublisher(ProducerSettings settings, Topics topics) {
        super(new KafkaRecordSender(settings), topics, true);
    }

    /** Uses a producer shared with other publishers; closing this publisher leaves it open. */
    public BundlePublisher(KafkaRecordSender sender, Topics topics) {
        super(sender, topics, false);
    }

    public CompletableFuture<RecordMetadata> publishAsync(BundleArchive bundle) {
        String study = bundle.study();
        return sender.send(topics.bundles(), study, bundle.toBytes(), "bundle of study '" + study + "'");
    }

    public RecordMetadata publish(BundleArchive bundle) {
        return KafkaRecordSender.await(publishAsync(bundle));
    }
}
