package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.model.dataset.DatasetRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruningMetricsTest {

    private static SearchReplay.Fate fate(String id, double finalLoss, int trained, boolean stopped) {
        List<DatasetRow> rows = new ArrayList<>();
        for (int e = 0; e <= 10; e++) {
            rows.add(new DatasetRow(id, "{}", e, 10, finalLoss, finalLoss, 1, new double[] {0}));
        }
        return new SearchReplay.Fate(new Trial(id, rows), trained, stopped);
    }

    @Test
    void epochsRegretTopRecallAndFalseStops() {
        List<SearchReplay.Fate> fates = new ArrayList<>();
        fates.add(fate("best", 0.1, 1, true));        // the best run, stopped: regret and a false stop
        fates.add(fate("second", 0.2, 10, false));
        fates.add(fate("good-stopped", 0.3, 2, true)); // below the threshold 0.5: a false stop
        for (int i = 0; i < 17; i++) {
            fates.add(fate("bad" + i, 1 + i, i % 2 == 0 ? 1 : 10, i % 2 == 0));
        }
        PruningMetrics m = PruningMetrics.of(fates, 0.5);
        assertEquals(20, m.runs());
        assertEquals(2 + 9, m.stopped());
        long trained = 1 + 10 + 2 + 9 * 1 + 8 * 10;
        assertEquals(trained / 200.0, m.epochsShare(), 1e-12);
        assertEquals(0.2 - 0.1, m.regret(), 1e-12);
        assertEquals(0.5, m.top10Recall(), 1e-12, "top 10% of 20 runs = best and second; only second kept");
        assertEquals(2, m.falseStops());
    }
}
