package io.aelle.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.evaluation.ReportRow;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.score.ConfusionCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveMetricsTableTest {

    @Test
    void rowsAreReadBackFromTheConfusionGauges() {
        MonitorMetrics m = new MonitorMetrics();
        m.confusion(new ConfusionSnapshot("table-test", "aelle", "0.20", new ConfusionCounts(6, 2, 3, 9)));
        m.confusion(new ConfusionSnapshot("table-test", "loss-threshold", "0.20", new ConfusionCounts(2, 0, 7, 11)));
        m.confusion(new ConfusionSnapshot("table-test", "loss-median", "0.20", new ConfusionCounts(5, 5, 4, 6)));
        m.confusion(new ConfusionSnapshot("table-test", "aelle", "0.05", new ConfusionCounts(1, 1, 8, 10)));
        List<ReportRow> rows = LiveMetricsTable.rows(m.registry(), "table-test");
        assertEquals(6, rows.size()); // 2 fractions x 3 predictors; the 0.05 loss tables are all zeros
        ReportRow aelle20 = rows.get(3);
        assertEquals(0.20, aelle20.fraction());
        assertEquals("aelle", aelle20.predictor());
        assertEquals(12.0 / 17, aelle20.f1(), 1e-12);
        assertEquals(9, aelle20.tn());
        ReportRow loss20 = rows.get(4);
        assertEquals(2.0 / 9, loss20.recall(), 1e-12);
        ReportRow median20 = rows.get(5);
        assertEquals("loss-median", median20.predictor());
        assertEquals(10.0 / 19, median20.f1(), 1e-12);
        assertEquals(0, rows.get(1).tp());
        String md = LiveMetricsTable.markdown(rows);
        assertTrue(md.contains("| 20% | 66.7% | 75.0% | 0.71 | 22.2% | 100.0% | 0.36 | 55.6% | 50.0% | 0.53 | 6/2/3/9 |"), md);
    }
}
