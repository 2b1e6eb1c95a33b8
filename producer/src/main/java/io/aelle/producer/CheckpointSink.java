package io.aelle.producer;

import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;

/**
 * Where a trainer's stream goes: a Kafka cluster or a directory in the {@code attach} layout.
 * One interface so sweeps and listeners do not care which.
 */
public interface CheckpointSink extends AutoCloseable {

    void publishProbe(Probe probe);

    void publishCheckpoint(Checkpoint checkpoint);

    void publishOutcome(Outcome outcome);

    /** Blocks until everything sent so far is durable. */
    default void flush() {}

    @Override
    void close();
}
