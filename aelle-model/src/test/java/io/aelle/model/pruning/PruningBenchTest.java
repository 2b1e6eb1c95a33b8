package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aelle.model.dataset.StudyDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruningBenchTest {

    @Test
    void everyPrunerReplaysTheSameOrdersAndEachOrderIsItsOwnShuffle() {
        StudyDataset data = PruningStudies.lossesRankPerfectly(20, 3, 1);
        PruningBench bench = new PruningBench(3, 5, 2, 0.7);
        List<Trial> runs = PruningBench.runs(data);
        List<List<String>> seen = new ArrayList<>();
        Pruner recorder = new Pruner() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public boolean stop(Trial run, int epoch) {
                return false;
            }

            @Override
            public void completed(Trial run) {
                seen.get(seen.size() - 1).add(run.runId());
            }
        };
        List<PruningBench.Result> results = bench.run(runs, List.of(
                new PruningBench.Candidate("a", () -> { seen.add(new ArrayList<>()); return recorder; }),
                new PruningBench.Candidate("b", () -> { seen.add(new ArrayList<>()); return recorder; })), (d, t, r) -> { });
        assertEquals(6, results.size());
        for (int o = 0; o < 3; o++) {
            assertEquals(seen.get(2 * o), seen.get(2 * o + 1), "order " + o + ": both pruners see the same runs complete in the same order");
        }
        assertNotEquals(seen.get(0), seen.get(2));
        assertEquals(bench.order(runs, 1), bench.order(runs, 1), "seeded");
        assertThrows(IllegalArgumentException.class, () -> new PruningBench(0, 1, 1, 0.5));
    }
}
