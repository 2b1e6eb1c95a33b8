package io.aelle.model.pruning;

import static io.aelle.model.pruning.PruningStudies.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedianPrunerTest {

    @Test
    void stopsARunWorseThanTheMedianOfCompletedRunsAtThatEpochOnlyAfterStartupAndWarmup() {
        MedianPruner p = new MedianPruner(3, 1);
        Trial bad = trial("bad", 9, 5);
        assertFalse(p.stop(bad, 1), "no completed run yet: startup");
        p.completed(trial("a", 9, 1, 0.5));
        p.completed(trial("b", 9, 2, 0.4));
        assertFalse(p.stop(bad, 1), "two of three startup runs");
        p.completed(trial("c", 9, 4, 0.3));
        assertTrue(p.stop(bad, 1), "5 > median(1, 2, 4) = 2");
        assertFalse(p.stop(trial("good", 9, 2), 1), "equal to the median is not worse");
        assertFalse(p.stop(trial("early", 1), 0), "epoch 0 is inside the warm-up");
        assertTrue(p.stop(trial("late", 9, 3, 0.45), 2), "epoch 2: 0.45 > median(0.5, 0.4, 0.3)");
    }

    @Test
    void comparesTheRunsBestLossSoFarAsOptunaDoes() {
        MedianPruner p = new MedianPruner(2, 1);
        p.completed(trial("a", 9, 1, 0.5));
        p.completed(trial("b", 9, 2, 0.7));
        // median at epoch 2 is 0.6; the run's current 0.9 is worse, but its best so far (0.55 at epoch 1) is not
        assertFalse(p.stop(trial("r", 9, 0.55, 0.9), 2));
        assertTrue(p.stop(trial("s", 9, 0.65, 0.9), 2));
        assertEquals(0.6, MedianPruner.median(new double[] {0.7, 0.5}), 1e-12);
    }

    @Test
    void whenEarlyLossesRankRunsPerfectlyItKeepsTheBestRunAndSavesHalfTheEpochs() {
        for (PruningMetrics m : PruningStudies.replay(PruningStudies.lossesRankPerfectly(100, 9, 3), MedianPruner::optunaDefaults, 5, 4)) {
            assertEquals(0.0, m.regret(), 0.0);
            assertTrue(m.epochsShare() <= 0.5, "epochs consumed " + m.epochsShare());
        }
    }
}
