package io.aelle.model.pruning;

import static io.aelle.model.pruning.PruningStudies.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SuccessiveHalvingPrunerTest {

    @Test
    void rungsSitAtOneThreeNineEpochs() {
        SuccessiveHalvingPruner p = SuccessiveHalvingPruner.defaults();
        assertEquals(1, p.rungEpoch(0));
        assertEquals(3, p.rungEpoch(1));
        assertEquals(9, p.rungEpoch(2));
    }

    @Test
    void aRunGoesOnOnlyAmongTheBestThirdOfTheValuesRecordedAtTheRungSoFar() {
        SuccessiveHalvingPruner p = SuccessiveHalvingPruner.defaults();
        assertFalse(p.stop(trial("a", 9, 0.5), 1), "first at the rung: the best of one");
        assertTrue(p.stop(trial("b", 9, 0.6), 1), "two values, fewer than η: only the best goes on");
        assertFalse(p.stop(trial("c", 9, 0.4), 1), "the new best");
        // values at rung 0 now 0.5, 0.6, 0.4 and this one: ⌊4/3⌋ = 1, so only the best of the four goes on
        assertTrue(p.stop(trial("d", 9, 0.45), 1));
        assertFalse(p.stop(trial("a", 9, 0.5, 0.3), 2), "between rungs: nothing to decide");
        assertFalse(p.stop(trial("a", 9, 0.5, 0.3, 0.2), 3), "first at rung 1 (epoch 3)");
        assertTrue(p.stop(trial("c", 9, 0.4, 0.35, 0.3), 3), "second at rung 1, not the best");
    }

    @Test
    void whenEarlyLossesRankRunsPerfectlyItKeepsTheBestRunAndSavesHalfTheEpochs() {
        for (PruningMetrics m : PruningStudies.replay(PruningStudies.lossesRankPerfectly(100, 9, 3), SuccessiveHalvingPruner::defaults, 5, 4)) {
            assertEquals(0.0, m.regret(), 0.0);
            assertTrue(m.epochsShare() <= 0.5, "epochs consumed " + m.epochsShare());
        }
    }
}
