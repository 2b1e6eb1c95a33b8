package io.aelle.monitor.analysis;

import io.aelle.model.embedding.Projection;
import io.aelle.wire.checkpoint.Convention;

/** One study's way from a checkpoint's raw Lyapunov spectrum to a point on its plane and a verdict. */
@FunctionalInterface
public interface StudyModel {

    /** @throws IllegalArgumentException when the spectrum cannot be projected (the checkpoint is dead-lettered) */
    Projection project(double[] spectrum);

    /**
     * The projection of a checkpoint at a training fraction (epoch / total epochs), for models whose verdict
     * depends on it; by default the fraction is ignored.
     */
    default Projection project(double[] spectrum, double fraction) {
        return project(spectrum);
    }

    /**
     * The spectrum convention the model was trained on (a bundle's {@code spectrum.convention}); null when the model
     * takes any. The warm-up is not compared: it changes how converged a spectrum is, not what it measures.
     */
    default Convention convention() {
        return null;
    }
}
