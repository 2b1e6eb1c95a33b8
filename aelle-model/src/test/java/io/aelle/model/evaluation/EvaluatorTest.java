package io.aelle.model.evaluation;

import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.RunPartition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void lossBaselineRowsMatchAHandCount() {
        StudyDataset data = SyntheticStudy.of(60, 4, 8, 11);
        RunSplit split = RunSplit.DEFAULT;
        double t = data.header().lossThreshold();
        Evaluator ev = new Evaluator(split, 200, 1);
        Report report = ev.evaluate(data, List.of(new LossThresholdBaseline(t)));
        for (ReportRow row : report.rows()) {
            long tp = 0, fp = 0, fn = 0, tn = 0;
            for (DatasetRow r : split.rows(data.rows(), RunPartition.Part.TEST)) {
                if (r.fractionKey() != row.checkpointFraction()) {
                    continue;
                }
                boolean p = r.valLoss() < t;
                boolean a = r.finalLoss() < t;
                if (p && a) tp++; else if (p) fp++; else if (a) fn++; else tn++;
            }
            assertEquals(new Confusion(tp, fp, fn, tn), new Confusion(row.tp(), row.fp(), row.fn(), row.tn()));
            assertEquals(new Confusion(tp, fp, fn, tn).f1(), row.f1(), 1e-15);
            assertTrue(row.f1Ci95()[0] <= row.f1() + 1e-12 && row.f1() <= row.f1Ci95()[1] + 1e-12 || row.tp() == 0,
                    "the point estimate lies in its interval: " + row);
        }
        assertEquals(5 + 3, report.rows().size(), "4-epoch runs: 5 checkpoint fractions and the paper's 5%, 20%, 35%");
        assertEquals(60, report.runs().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void spectrumPredictorsLearnTheSyntheticStudyLate() {
        StudyDataset data = SyntheticStudy.of(80, 4, 8, 12);
        Evaluator ev = new Evaluator(RunSplit.DEFAULT, 100, 1);
        Report report = ev.evaluate(data, ev.predictors(data, List.of()));
        ReportRow logistic = report.rows().stream().filter(r -> r.fraction() == 1.0 && r.predictor().equals("spectrum-logistic")).findFirst().orElseThrow();
        assertTrue(logistic.f1() > 0.8, "at the end of training the synthetic spectra give the outcome away: " + logistic);
    }

    @Test
    void aVerdictAsOfAFractionUsesEachRunsLatestCheckpointBeforeIt() {
        StudyDataset data = SyntheticStudy.of(30, 4, 8, 3);
        List<DatasetRow> rows = data.rows();
        int[] at = Evaluator.latestAtOrBefore(rows, 0.6);
        assertEquals(30, at.length);
        for (int i : at) {
            assertEquals(0.5, rows.get(i).fractionKey(), "4 epochs: the 50% checkpoint is the latest at 60%");
        }
        assertEquals(30, Evaluator.latestAtOrBefore(rows, 0.0).length);
        assertEquals(0, Evaluator.latestAtOrBefore(rows.stream().filter(r -> r.epoch() > 0).toList(), 0.1).length);
    }

    @Test
    void aPredictorComparedWithItselfGainsNothing() {
        StudyDataset data = SyntheticStudy.of(40, 4, 8, 11);
        double t = data.header().lossThreshold();
        Predictor twin = new Predictor() {
            public String name() { return "twin"; }
            public String classifier() { return "val_loss < threshold"; }
            public boolean lowError(DatasetRow row) { return row.valLoss() < t; }
        };
        Report report = new Evaluator(RunSplit.DEFAULT, 200, 1).evaluate(data, List.of(twin, new LossThresholdBaseline(t)));
        List<Comparison> vsLoss = report.comparisons().stream().filter(c -> c.baseline().equals("loss-threshold")).toList();
        assertEquals(8, vsLoss.size());
        for (Comparison c : vsLoss) {
            assertEquals(0.0, c.deltaF1());
            assertArrayEquals(new double[] {0, 0}, c.deltaF1Ci95(), "paired resamples: identical verdicts differ by exactly 0");
        }
    }

    @Test
    void percentileInterpolates() {
        assertEquals(2.5, Evaluator.percentile(new double[] {1, 2, 3, 4}, 0.5), 1e-15);
        assertArrayEquals(new double[] {1, 4}, new double[] {Evaluator.percentile(new double[] {1, 2, 3, 4}, 0),
                Evaluator.percentile(new double[] {1, 2, 3, 4}, 1)});
    }
}
