package io.aelle.producer.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.PublishFailedException;
import io.aelle.producer.CheckpointSink;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A {@link CheckpointSink} writing to Kafka through one producer. Sends are asynchronous so training does not
 * wait on the broker; the first delivery failure is rethrown by the next publish, {@link #flush()} or
 * {@link #close()}, so nothing is lost silently.
 */
public final class KafkaCheckpointSink implements CheckpointSink {

    private final KafkaRecordSender sender;
    private final CheckpointPublisher checkpoints;
    private final OutcomePublisher outcomes;
    private final ProbePublisher probes;
    private final AtomicReference<PublishFailedException> failure = new AtomicReference<>();

    public KafkaCheckpointSink(ProducerSettings settings, Topics topics) {
        this.sender = new KafkaRecordSender(settings);
        this.checkpoints = new CheckpointPublisher(sender, topics);
        this.outcomes = new OutcomePublisher(sender, topics);
        this.probes = new ProbePublisher(sender, topics);
    }

    /** A sink on the default topics. */
    public static KafkaCheckpointSink connect(String bootstrapServers) {
        return new KafkaCheckpointSink(ProducerSettings.of(bootstrapServers), Topics.defaults());
    }

    @Override
    public void publishProbe(Probe probe) {
        rethrowFailure();
        track(probes.publishAsync(probe));
    }

    @Override
    public void publishCheckpoint(Checkpoint checkpoint) {
        rethrowFailure();
        track(checkpoints.publishAsync(checkpoint));
    }

    @Override
    public void publishOutcome(Outcome outcome) {
        rethrowFailure();
        track(outcomes.publishAsync(outcome));
    }

    @Override
    public void flush() {
        sender.flush();
        rethrowFailure();
    }

    @Override
    public void close() {
        try {
            sender.flush();
        } finally {
            sender.close();
        }
        rethrowFailure();
    }

    private void track(CompletableFuture<RecordMetadata> sent) {
        sent.whenComplete((metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error instanceof PublishFailedException p ? p
                        : new PublishFailedException("publishing failed: " + error, error));
            }
        });
    }

    private void rethrowFailure() {
        PublishFailedException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
