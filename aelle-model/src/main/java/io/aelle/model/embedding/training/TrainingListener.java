package io.aelle.model.embedding.training;

/** Told after every epoch; drives progress bars. */
@FunctionalInterface
public interface TrainingListener {

    void epochDone(int epoch, int totalEpochs, double trainLoss, double validationLoss);

    TrainingListener NONE = (e, t, tr, v) -> { };
}
