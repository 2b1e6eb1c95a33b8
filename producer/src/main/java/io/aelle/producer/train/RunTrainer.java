package io.aelle.producer.train;

import io.aelle.model.util.Permutations;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.listener.EarlyStoppingListener.EarlyStoppedException;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.aelle.producer.data.SequenceSet;
import io.aelle.producer.listener.AelleTrainingListener;
import io.aelle.producer.task.Task;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Trains one variant with DJL (PyTorch engine, CPU, Adam) and streams it through an {@link AelleTrainingListener}:
 * epoch-0 checkpoint, one per epoch with the validation loss, the outcome at the end.
 */
public final class RunTrainer {

    /** Observes a run's progress (the sweep's progress display). */
    @FunctionalInterface
    public interface Progress {
        void epochEnded(String runId, int epoch, int totalEpochs, double valLoss);
    }

    /** What a run ended with. */
    public record Result(String runId, Variant variant, double finalValLoss, int epochsCompleted, boolean stoppedEarly) {}

    private static final int EVAL_BATCH = 500;

    private final Task task;
    private final SequenceSet train;
    private final SequenceSet validation;
    private final TrainingSettings settings;

    public RunTrainer(Task task, SequenceSet train, SequenceSet validation, TrainingSettings settings) {
        this.task = task;
        this.train = train;
        this.validation = validation;
        this.settings = settings;
    }

    /**
     * Trains the variant. {@code listenerFor} builds the run's listener from the block being trained and the
     * validation-loss function, so callers choose the sink, verdict source and mode.
     */
    public Result train(String runId, Variant variant, ListenerFactory listenerFor, Progress progress) {
        RecurrentNetworkBlock block = RecurrentNetworkBlock.of(variant, task.inputSize(), task.outputSize(), task.readoutEveryStep());
        try (Model model = Model.newInstance(runId, Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            AelleTrainingListener listener = listenerFor.create(block, this::validationLoss);
            Adam.Builder adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) variant.learningRate()));
            if (settings.gradClip() > 0) {
                adam.optClipGrad((float) settings.gradClip());
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(new TaskLoss(task))
                    .optDevices(new Device[] {Device.cpu()})
                    .optOptimizer(adam.build())
                    .addTrainingListeners(listener);
            ThreadAutograd.disableOnThisThread();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), train.steps(), train.inputSize()));
                listener.publishInitial(trainer);
                progress.epochEnded(runId, 0, settings.epochs(), listener.lastValidationLoss());
                try {
                    Random shuffle = new Random(variant.seed() ^ 0x9E3779B97F4A7C15L);
                    for (int e = 1; e <= settings.epochs(); e++) {
                        trainEpoch(trainer, shuffle);
                        trainer.notifyListeners(l -> l.onEpoch(trainer));
                        progress.epochEnded(runId, e, settings.epochs(), listener.lastValidationLoss());
                    }
                } catch (EarlyStoppedException stopped) {
                    progress.epochEnded(runId, stopped.getStopEpoch(), settings.epochs(), listener.lastValidationLoss());
                } catch (RuntimeException e) {
                    listener.markFailed();
                    throw e;
                }
            }
            return new Result(runId, variant, listener.lastValidationLoss(), listener.epochsCompleted(), listener.stoppedEarly());
        }
    }

    /** Builds a run's listener once its block exists. */
    @FunctionalInterface
    public interface ListenerFactory {
        AelleTrainingListener create(RecurrentNetworkBlock block, io.aelle.producer.listener.LossSource validationLoss);
    }

    private void trainEpoch(Trainer trainer, Random shuffle) {
        int[] order = Permutations.shuffled(train.size(), shuffle);
        int batch = settings.batchSize();
        for (int from = 0; from < order.length; from += batch) {
            int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batch));
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList b = train.batch(scope, idx);
                ThreadAutograd.backward(() -> task.loss(trainer.forward(new NDList(b.get(0))).singletonOrThrow(), b.get(1)));
                trainer.step();
                ThreadAutograd.zeroGradients(trainer.getModel().getBlock());
            }
        }
    }

    /** Mean validation loss over the whole validation set, weighted by batch size. */
    private OptionalDouble validationLoss(Trainer trainer) {
        double sum = 0;
        for (int from = 0; from < validation.size(); from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, validation.size() - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = from + i;
            }
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList b = validation.batch(scope, idx);
                NDArray out = trainer.evaluate(new NDList(b.get(0))).singletonOrThrow();
                sum += task.loss(out, b.get(1)).getFloat() * n;
            }
        }
        return OptionalDouble.of(sum / validation.size());
    }

    /** The task's loss as a DJL {@link Loss}, so the trainer's configuration names it. */
    private static final class TaskLoss extends Loss {
        private final Task task;

        TaskLoss(Task task) {
            super(task.name() + "Loss");
            this.task = task;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return task.loss(predictions.singletonOrThrow(), labels.singletonOrThrow());
        }
    }
}
