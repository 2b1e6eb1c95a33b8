package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchReplayTest {

    private static Trial run(String id, int epochs, double finalLoss) {
        List<DatasetRow> rows = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            rows.add(new DatasetRow(id, "{}", e, epochs, finalLoss + epochs - e, finalLoss, 1, new double[] {0}));
        }
        return new Trial(id, rows);
    }

    /** Records what it was shown; stops runs whose id starts with "x" at epoch 2. */
    private static final class Recorder implements Pruner {
        final List<String> events = new ArrayList<>();
        boolean sawFinalLoss;

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public boolean stop(Trial run, int epoch) {
            events.add(run.runId() + "@" + epoch);
            sawFinalLoss |= run.rows().stream().anyMatch(r -> !Double.isNaN(r.finalLoss()));
            assertEquals(epoch, run.latest().epoch(), "the trial ends at the checkpoint judged");
            return run.runId().startsWith("x") && epoch == 2;
        }

        @Override
        public void completed(Trial run) {
            events.add(run.runId() + " done " + run.finalLoss());
        }
    }

    @Test
    void runsTrainInParallelSlotsAndAStoppedRunFreesItsSlotForTheNextArrival() {
        Recorder p = new Recorder();
        List<SearchReplay.Fate> fates = new SearchReplay(2).replay(
                List.of(run("a", 3, 0.5), run("x", 3, 0.9), run("c", 3, 0.7)), p);
        // step 1: a@1 x@1; step 2: a@2 x@2 (x stops); step 3: a done, c@1 (c started in x's slot); ...
        assertEquals(List.of("a@1", "x@1", "a@2", "x@2", "a done 0.5", "c@1", "c@2", "c done 0.7"), p.events);
        assertFalse(p.sawFinalLoss, "a training run's final loss is hidden from the pruner");
        assertEquals(3, fates.get(0).epochsTrained());
        assertTrue(fates.get(1).stopped());
        assertEquals(2, fates.get(1).epochsTrained());
        assertFalse(fates.get(2).stopped());
    }

    @Test
    void withoutPruningEveryRunTrainsEveryEpoch() {
        List<SearchReplay.Fate> fates = new SearchReplay(4).replay(List.of(run("a", 5, 1), run("b", 5, 2)), new NoPruner());
        PruningMetrics m = PruningMetrics.of(fates, 1.5);
        assertEquals(1.0, m.epochsShare(), 0.0);
        assertEquals(0, m.stopped());
        assertThrows(IllegalArgumentException.class, () -> new SearchReplay(0));
    }
}
