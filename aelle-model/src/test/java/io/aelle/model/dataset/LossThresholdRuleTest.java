package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossThresholdRuleTest {

    /** Ten runs with final losses 1..10, two epochs each; the header's (probe's) threshold is 0.5. */
    private static StudyDataset study() {
        List<DatasetRow> rows = new ArrayList<>();
        for (int r = 1; r <= 10; r++) {
            for (int e = 0; e <= 1; e++) {
                rows.add(new DatasetRow(String.format("run-%02d", r), "{}", e, 1, 5.0, r, 2, new double[] {0, -1}));
            }
        }
        return new StudyDataset(DatasetHeader.of("s", "t", 0.5, "reference", 0, 2), rows);
    }

    @Test
    void probeAndFixedRules() {
        StudyDataset d = study();
        assertEquals(0.5, LossThresholdRule.parse("probe").resolve(d, RunSplit.DEFAULT));
        assertEquals(1.25, LossThresholdRule.parse(" 1.25 ").resolve(d, RunSplit.DEFAULT));
        assertEquals("fixed", LossThresholdRule.parse("1.25").describe());
    }

    @Test
    void medianIsTakenOverTheTrainingRunsOnceEach() {
        StudyDataset d = study();
        RunSplit split = RunSplit.DEFAULT;
        double[] train = d.byRun().entrySet().stream().filter(e -> split.partOf(e.getKey()) == RunPartition.Part.TRAIN)
                .mapToDouble(e -> e.getValue().get(0).finalLoss()).sorted().toArray();
        int n = train.length;
        double expected = n % 2 == 1 ? train[n / 2] : (train[n / 2 - 1] + train[n / 2]) / 2;
        double median = LossThresholdRule.MEDIAN.resolve(d, split);
        assertEquals(expected, median);
        StudyDataset relabelled = LossThresholdRule.MEDIAN.apply(d, split);
        assertEquals(median, relabelled.header().lossThreshold());
        assertEquals(d.rows().size(), relabelled.rows().size());
        assertEquals(true, n >= 2 && n < 10, "the default split keeps some of the 10 runs out of training");
    }

    @Test
    void badTextIsRejectedWithTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossThresholdRule.parse("lowest"));
        assertEquals(true, e.getMessage().contains("lowest"));
        assertThrows(IllegalArgumentException.class, () -> LossThresholdRule.parse("-1"));
    }
}
