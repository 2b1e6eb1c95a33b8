package io.aelle.producer.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes finished runs to the outcomes topic: key run_id, value the outcome JSON. */
public final class OutcomePublisher extends Publisher {

    public OutcomePublisher(ProducerSettings settings, Topics topics) {
        super(new KafkaRecordSender(settings), topics, true);
    }

    /** Uses a producer shared with other publishers; closing this publisher leaves it open. */
    public OutcomePublisher(KafkaRecordSender sender, Topics topics) {
        super(sender, topics, false);
    }

    public CompletableFuture<RecordMetadata> publishAsync(Outcome outcome) {
        return sender.send(topics.outcomes(), outcome.runId(), outcome.toJson(), "outcome of run '" + outcome.runId() + "'");
    }

    public RecordMetadata publish(Outcome outcome) {
        return KafkaRecordSender.await(publishAsync(outcome));
    }
}
