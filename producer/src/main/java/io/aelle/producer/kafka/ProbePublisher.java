package io.aelle.producer.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes a study's probe to the compacted probes topic: key study_id, value a safetensors file. */
public final class ProbePublisher extends Publisher {

    public ProbePublisher(ProducerSettings settings, Topics topics) {
        super(new KafkaRecordSender(settings), topics, true);
    }

    /** Uses a producer shared with other publishers; closing this publisher leaves it open. */
    public ProbePublisher(KafkaRecordSender sender, Topics topics) {
        super(sender, topics, false);
    }

    public CompletableFuture<RecordMetadata> publishAsync(Probe probe) {
        return send(probe.studyId(), probe.toBytes());
    }

    /**
     * Sends a probe file as is.
     *
     * @throws SafetensorsFormatException when the bytes are not a valid probe
     */
    public CompletableFuture<RecordMetadata> publishAsync(byte[] safetensors) {
        return send(Probe.parse(safetensors).studyId(), safetensors);
    }

    public RecordMetadata publish(Probe probe) {
        return KafkaRecordSender.await(publishAsync(probe));
    }

    public RecordMetadata publish(byte[] safetensors) {
        return KafkaRecordSender.await(publishAsync(safetensors));
    }

    private CompletableFuture<RecordMetadata> send(String studyId, byte[] bytes) {
        return sender.send(topics.probes(), studyId, bytes, "probe of study '" + studyId + "'");
    }
}
