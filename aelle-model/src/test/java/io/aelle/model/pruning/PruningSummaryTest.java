package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

public class PruningSummaryTest {

    public static List<PruningBench.Result> results() {
        return List.of(
                new PruningBench.Result("none", 0, 1, new PruningMetrics(1.0, 0, 1, 0, 0, 10), 0.1),
                new PruningBench.Result("median", 0, 1, new PruningMetrics(0.5, 0.0, 1, 0, 5, 10), 0.1),
                new PruningBench.Result("none", 1, 2, new PruningMetrics(1.0, 0, 1, 0, 0, 10), 0.1),
                new PruningBench.Result("median", 1, 2, new PruningMetrics(0.7, 0.2, 0, 1, 3, 10), 0.1));
    }

    @Test
    void onePrunerPerLineWithTheMeanOverOrders() {
        PruningSummary s = PruningSummary.of(results());
        assertEquals(List.of("none", "median"), s.lines().stream().map(PruningSummary.Line::pruner).toList());
        assertEquals(0.6, s.line("median").epochsShare().mean(), 1e-12);
        assertEquals(0.1, s.line("median").regret().mean(), 1e-12);
        assertEquals(0.5, s.line("median").top10Recall().mean(), 1e-12);
        String md = s.markdownTable();
        assertTrue(md.contains("| median | 0.600 [0.500, 0.700] | 0.1000 [0.0000, 0.2000] | 0.50 [0.00, 1.00]"), md);
        assertTrue(md.contains("| none | 1.000 [1.000, 1.000]"), md);
    }
}
