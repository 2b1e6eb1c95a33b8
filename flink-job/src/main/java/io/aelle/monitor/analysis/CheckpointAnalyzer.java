package io.aelle.monitor.analysis;

import io.aelle.model.checkpoint.Checkpoint;
import io.aelle.model.checkpoint.Probe;
import io.aelle.model.evaluation.LossMedianRule;

/**
 * Turns one checkpoint, driven by its study's probe, into a position on the embedding plane and a verdict.
 * Opened once per operator instance; called from one thread.
 */
public interface CheckpointAnalyzer extends AutoCloseable {

    /**
     * @throws RejectedCheckpointException when the checkpoint cannot be analysed (it goes to dead letters)
     */
    Analysis analyze(Checkpoint checkpoint, Probe probe);

    /** The live loss-median's q for a study ({@link StudyModel#lossMedianQ()}); the median for a study without a bundle. */
    default double lossMedianQ(String studyId) {
        return LossMedianRule.DEFAULT_Q;
    }

    @Override
    default void close() {}
}
