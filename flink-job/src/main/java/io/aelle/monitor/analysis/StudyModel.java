package io.aelle.monitor.analysis;

import io.aelle.model.embedding.Projection;

/** One study's way from a checkpoint's raw Lyapunov spectrum to a point on its plane and a verdict. */
@FunctionalInterface
public interface StudyModel {

    /** @throws IllegalArgumentException when the spectrum cannot be projected (the checkpoint is dead-lettered) */
    Projection project(double[] spectrum);
}
