package io.aelle.monitor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.monitor.record.ConfusionIncrement;
import io.aelle.monitor.record.OutcomeEvent;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.wire.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunScoringTest {

    private static VerdictEvent verdict(int epoch, boolean aelleLow, double valLoss) {
        VerdictEvent v = new VerdictEvent();
        v.runId = "r1";
        v.studyId = "s";
        v.epoch = epoch;
        v.totalEpochs = 20;
        v.fraction = epoch / 20.0;
        v.likelyLowError = aelleLow;
        v.valLoss = valLoss;
        v.lossThreshold = 0.2;
        v.lossBaselineLowError = valLoss < 0.2;
        v.lossMedianLowError = valLoss < 0.6;
        return v;
    }

    private static OutcomeEvent outcome(double finalLoss, String status) {
        return OutcomeEvent.of(new Outcome("r1", "s", finalLoss, 20, status));
    }

    @Test
    void eachVerdictScoresEveryPredictorInItsFractionBucket() {
        List<ConfusionIncrement> incs = RunScoring.increments(verdict(4, true, 0.5), outcome(0.1, Outcome.COMPLETED));
        assertEquals(3, incs.size());
        assertEquals("s|aelle|0.20", incs.get(0).tableKey());
        assertEquals("tp", incs.get(0).cell);
        assertEquals("s|loss-threshold|0.20", incs.get(1).tableKey());
        assertEquals("fn", incs.get(1).cell);
        assertEquals("s|loss-median|0.20", incs.get(2).tableKey());
        assertEquals("tp", incs.get(2).cell);
    }

    @Test
    void aFailedRunMakesLowVerdictsFalsePositives() {
        List<ConfusionIncrement> incs = RunScoring.increments(verdict(10, true, 0.1), outcome(0.01, Outcome.FAILED));
        assertEquals("fp", incs.get(0).cell);
        assertEquals("fp", incs.get(1).cell);
        List<ConfusionIncrement> high = RunScoring.increments(verdict(10, false, 0.9), outcome(0.9, Outcome.COMPLETED));
        assertEquals("tn", high.get(0).cell);
        assertEquals("tn", high.get(1).cell);
        assertEquals("tn", high.get(2).cell);
    }

    @Test
    void aRunStoppedEarlyLeavesTheConfusionCellsAlone() {
        assertEquals(List.of(), RunScoring.increments(verdict(4, false, 0.9), outcome(0.9, Outcome.STOPPED_EARLY)));
        assertEquals(List.of(), RunScoring.increments(verdict(4, true, 0.1), outcome(0.1, Outcome.STOPPED_EARLY)));
    }

    @Test
    void anUnknownVerdictScoresTheLossBaselinesOnlyAndAReissuedOneTheEmbeddingOnly() {
        VerdictEvent unknown = verdict(4, false, 0.5);
        unknown.unknown = true;
        List<ConfusionIncrement> baselinesOnly = RunScoring.increments(unknown, outcome(0.1, Outcome.COMPLETED));
        assertEquals(List.of("s|loss-threshold|0.20", "s|loss-median|0.20"),
                baselinesOnly.stream().map(ConfusionIncrement::tableKey).toList());
        VerdictEvent reissued = verdict(4, true, 0.5);
        reissued.reissued = true;
        List<ConfusionIncrement> embeddingOnly = RunScoring.increments(reissued, outcome(0.1, Outcome.COMPLETED));
        assertEquals(1, embeddingOnly.size());
        assertEquals("s|aelle|0.20", embeddingOnly.get(0).tableKey());
        assertEquals("tp", embeddingOnly.get(0).cell);
    }
}
