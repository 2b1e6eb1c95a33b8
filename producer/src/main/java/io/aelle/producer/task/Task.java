package io.aelle.producer.task;

import ai.djl.ndarray.NDArray;
import io.aelle.producer.data.SequenceSet;
import java.io.IOException;

/** A sequence task a recurrent network is trained on: its data, its read-out shape and its loss. */
public interface Task {

    String name();

    int inputSize();

    int outputSize();

    /** True when the read-out applies at every step (per-step targets), false for the last step only. */
    boolean readoutEveryStep();

    /** The paper's "low error" threshold on the final validation loss. */
    double defaultLossThreshold();

    /** {@code size} training examples, chosen deterministically from {@code seed}. */
    SequenceSet trainingSet(int size, long seed) throws IOException;

    /** The first {@code size} validation examples (the probe is the first B of them). */
    SequenceSet validationSet(int size) throws IOException;

    /** Mean loss of a batch: output (B, O) or (B, T, O) against the batch's targets. */
    NDArray loss(NDArray output, NDArray target);
}
