package io.aelle.producer.listener;

import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import java.util.OptionalDouble;

/** Where the listener reads the validation loss of the epoch that just ended. */
@FunctionalInterface
public interface LossSource {

    OptionalDouble validationLoss(Trainer trainer);

    /**
     * DJL's own bookkeeping: the validation loss that {@code EasyTrain.fit} records through the default
     * evaluator listener (register the AeLLE listener after {@code TrainingListener.Defaults}).
     */
    static LossSource fromTrainingResult() {
        return trainer -> {
            TrainingResult result = trainer.getTrainingResult();
            Float v = result.getEvaluations() == null ? null : result.getValidateLoss();
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        };
    }
}
