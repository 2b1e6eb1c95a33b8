package io.aelle.producer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Gradient recording for runs that train in parallel in one JVM. DJL's PyTorch {@code GradientCollector} allows one
 * collector per JVM (a static flag: "Only one can be collecting at a time"), while libtorch's grad mode is
 * per thread; so each run enables grad mode on its own thread and calls backward directly. Gradients are
 * zeroed after each optimizer step.
 */
final class ThreadAutograd {

    private ThreadAutograd() {}

    /** Evaluates the loss with gradient recording on this thread, then back-propagates it into the parameters. */
    static void backward(Supplier<NDArray> loss) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray l = loss.get();
            JniUtils.backward((PtNDArray) l, (PtNDArray) l.onesLike(), false, false);
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Turns gradient recording off on this thread (validation and export build no graphs). */
    static void disableOnThisThread() {
        JniUtils.setGradMode(false);
    }

    static void zeroGradients(Block block) {
        block.getParameters().values().forEach(p -> {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                try (NDArray g = a.getGradient()) {
                    g.subi(g);
                }
            }
        });
    }
}
