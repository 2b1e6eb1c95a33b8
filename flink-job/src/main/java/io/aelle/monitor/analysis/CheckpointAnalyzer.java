package io.aelle.monitor.analysis;

import io.aelle.model.dataset.LossMedianRule;
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

    /**
     * As {@link #analyze(Checkpoint, Probe)}, for a bundle whose verdict also reads the run's previous val_loss
     * ({@code train --features} with {@code loss}); by default it is not read.
     *
     * @param previousValLoss the val_loss of the run's previous checkpoint, NaN for its first
     */
    default Analysis analyze(Checkpoint checkpoint, Probe probe, double previousValLoss) {
        return analyze(checkpoint, probe);
    }

    /** The live loss-median's q for a study ({@link StudyModel#lossMedianQ()}); the median for a study without a bundle. */
    default double lossMedianQ(String studyId) {
        return LossMedianRule.DEFAULT_Q;
    }

    @Override
    default void close() {}
}
