package io.aelle.monitor.analysis;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;

/**
 * Turns one checkpoint, driven by its study's probe, into a position on the embedding plane and a verdict.
 * Opened once per operator instance; called from one thread.
 */
public interface CheckpointAnalyzer extends AutoCloseable {

    /**
     * @throws RejectedCheckpointException when the checkpoint cannot be analysed (it goes to dead letters)
     */
    Analysis analyze(Checkpoint checkpoint, Probe probe);

    @Override
    default void close() {}
}
