package io.aelle.producer.task;

import ai.djl.ndarray.NDArray;

/** The two losses the tasks use, written out so their definition is explicit. */
final class Losses {

    private Losses() {}

    /** Mean softmax cross-entropy (nats) of logits (..., C) against integer classes (...). */
    static NDArray crossEntropy(NDArray logits, NDArray classes) {
        long numClasses = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logProb = logits.logSoftmax(-1);
        NDArray oneHot = classes.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot((int) numClasses)
                .toType(logProb.getDataType(), false);
        return logProb.mul(oneHot).sum(new int[] {-1}).mean().neg();
    }

    /** Mean absolute error. */
    static NDArray meanAbsoluteError(NDArray output, NDArray target) {
        return output.sub(target).abs().mean();
    }
}
