package io.aelle.producer.train;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.producer.listener.AelleTrainingListener;
import io.aelle.producer.listener.VerdictMode;
import io.aelle.producer.task.SineTask;
import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.Checkpoint;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Training one variant: the loss falls, checkpoints stream in order, and parallel runs do not disturb each other. */
class RunTrainerTest {

    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    private final SineTask task = new SineTask(5);
    private final RunTrainer trainer = new RunTrainer(task, task.trainingSet(64, 1), task.validationSet(32),
            new TrainingSettings(3, 8, 0));

    private RunTrainer.Result train(String runId, Variant v, CollectingSink sink) {
        return trainer.train(runId, v, (block, losses) -> new AelleTrainingListener(new AelleTrainingListener.Settings(runId, "s",
                3, v.arch().id(), RecurrentNetworkBlock.LAYER_PREFIX, v.hparamsJson(), sink, t -> block.export(), losses,
                VerdictMode.OFF, null, null, 0.2)), (r, e, n, l) -> { });
    }

    @Test
    void streamsEpochZeroThenEachEpochAndTheOutcome() {
        CollectingSink sink = new CollectingSink();
        Variant v = new Variant(Arch.GRU, 16, 0.5, 0.02, 11);
        RunTrainer.Result r = train("run-a", v, sink);
        assertEquals(List.of(0, 1, 2, 3), sink.checkpoints.stream().map(c -> c.metadata().epoch()).toList());
        Checkpoint first = sink.checkpoints.get(0);
        Checkpoint last = sink.checkpoints.get(3);
        assertEquals("gru", last.metadata().arch());
        assertTrue(last.metadata().hparams().contains("\"hidden\":16"));
        double initial = first.metadata().valLoss().orElseThrow();
        double end = last.metadata().valLoss().orElseThrow();
        assertTrue(end < 0.9 * initial, "validation loss should fall: " + initial + " -> " + end);
        assertEquals(List.of(new Outcome("run-a", "s", end, 3, Outcome.COMPLETED)), sink.outcomes);
        assertEquals(end, r.finalValLoss());
    }

    @Test
    void parallelRunsTrainExactlyAsTheyDoAlone() throws Exception {
        Variant a = new Variant(Arch.LSTM, 12, 0.8, 0.005, 1);
        Variant b = new Variant(Arch.RNN, 12, 1.2, 0.01, 2);
        CollectingSink alone = new CollectingSink();
        train("a", a, alone);
        CollectingSink sa = new CollectingSink();
        CollectingSink sb = new CollectingSink();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RunTrainer.Result> fa = pool.submit(() -> train("a", a, sa));
            Future<RunTrainer.Result> fb = pool.submit(() -> train("b", b, sb));
            fa.get();
            fb.get();
        } finally {
            pool.shutdown();
        }
        double[] expected = alone.checkpoints.get(3).tensors().get("rnn_layer.weight_hh_l0").data();
        double[] parallel = sa.checkpoints.get(3).tensors().get("rnn_layer.weight_hh_l0").data();
        assertArrayEquals(expected, parallel, "same variant, same weights, whether or not another run trains beside it");
        assertEquals(4, sb.checkpoints.size());
    }
}
