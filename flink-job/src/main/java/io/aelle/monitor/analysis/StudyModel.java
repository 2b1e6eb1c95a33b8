package io.aelle.monitor.analysis;

import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.model.embedding.Projection;
import io.aelle.model.dataset.LossMedianRule;
import io.aelle.monitor.record.DeadLetterReason;
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
     * The projection of a checkpoint with what a combined-feature bundle reads besides the spectrum: its metadata
     * (val_loss, hparams, fraction) and the run's previous val_loss; by default only the fraction is read.
     */
    default Projection project(double[] spectrum, CheckpointMetadata meta, double previousValLoss) {
        return project(spectrum, meta.fraction());
    }

    /** The live loss-median's q for this study: its training runs' low-error share where recorded, else the median. */
    default double lossMedianQ() {
        return LossMedianRule.DEFAULT_Q;
    }

    /**
     * The spectrum convention the model was trained on (a bundle's {@code spectrum.convention}); null when the model
     * takes any. The warm-up is not compared: it changes how converged a spectrum is, not what it measures.
     */
    default Convention convention() {
        return null;
    }

    /**
     * Refuses a checkpoint whose probe asks for another spectrum convention than the one this model was trained on
     * ({@code spectrum_settings_mismatch}): its spectrum would mean something else on the model's plane. The one
     * check, for a model the analyzer holds and for a bundle from the bundles table alike.
     */
    default void requireConvention(String study, Convention probe) {
        Convention trained = convention();
        if (trained != null && probe != null && trained != probe) {
            throw new RejectedCheckpointException(DeadLetterReason.SPECTRUM_SETTINGS_MISMATCH, "study '" + study
                    + "': its bundle was trained on spectra of the " + trained.id() + " convention, but its probe asks for "
                    + probe.id() + " (republish the probe with aelle.le.convention=" + trained.id()
                    + ", or train a bundle on this convention)");
        }
    }
}
