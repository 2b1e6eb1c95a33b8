package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.training.DsaeTrainer;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidatorTest {

    private final StudyDataset data = SyntheticStudy.of(40, 4, 8, 21);

    private CrossValidator.Result run(List<EmbeddingType> types) {
        return new CrossValidator(4, 3, 100, 1, new double[] {0.2}).evaluate(data, LossThresholdRule.MEDIAN, types,
                s -> new EmbeddingFitter.Options(s.type(), null,
                        DsaeTrainer.Settings.defaults(s.type()).withEpochs(8).withLatent(4), s.partition(), s.threshold()),
                (done, total, what) -> { });
    }

    @Test
    void everyRunIsScoredOnceAndTheLossBaselineMatchesAHandCountOverAllRuns() {
        Report report = run(List.of()).report();
        assertEquals(40L, report.runs().get("test"));
        assertEquals(4L, report.runs().get("folds"));
        assertEquals("median", report.lossThresholdRule());
        double[] losses = data.byRun().values().stream().mapToDouble(rows -> rows.get(0).finalLoss()).sorted().toArray();
        double median = 0.5 * (losses[19] + losses[20]);
        assertEquals(median, report.lossThreshold(), 1e-12, "the threshold is the median over all runs");
        for (ReportRow row : report.rows().stream().filter(r -> r.predictor().equals("loss-threshold")).toList()) {
            long tp = 0, fp = 0, fn = 0, tn = 0;
            for (List<DatasetRow> rows : data.byRun().values()) {
                DatasetRow r = rows.stream().filter(x -> x.fractionKey() <= row.fraction() + 1e-9)
                        .max(java.util.Comparator.comparingDouble(DatasetRow::fractionKey)).orElseThrow();
                boolean p = r.valLoss() < median, a = r.finalLoss() < median;
                if (p && a) tp++; else if (p) fp++; else if (a) fn++; else tn++;
            }
            assertEquals(new Confusion(tp, fp, fn, tn), new Confusion(row.tp(), row.fp(), row.fn(), row.tn()), "at " + row.fraction());
        }
        ReportRow at20 = report.rows().stream().filter(r -> r.fraction() == 0.2 && r.predictor().equals("loss-threshold")).findFirst().orElseThrow();
        assertEquals(0.0, at20.checkpointFraction(), "4-epoch runs: at 20% of training the latest checkpoint is epoch 0");
    }

    @Test
    void embeddingsAreRefittedPerFoldAndComparedWithEveryBaseline() {
        CrossValidator.Result r = run(List.of(EmbeddingType.DSAE_SUPERVISED));
        assertEquals(1, r.firstFoldEmbeddings().size());
        List<String> baselines = new ArrayList<>();
        r.report().comparisons().stream().filter(c -> c.fraction() == 1.0 && c.predictor().equals("dsae-supervised"))
                .forEach(c -> baselines.add(c.baseline()));
        assertEquals(Evaluator.BASELINES, baselines);
        assertEquals(Baselines.REFERENCES, r.report().comparisons().stream()
                .filter(c -> c.fraction() == 1.0 && c.predictor().equals("spectrum-logistic")).map(Comparison::baseline).toList(),
                "a plain spectrum predictor is compared with the baselines that read no spectrum");
        for (Comparison c : r.report().comparisons()) {
            assertTrue(c.deltaF1Ci95()[0] <= c.deltaF1Ci95()[1]);
            double p = f1(r.report(), c.fraction(), c.predictor()), b = f1(r.report(), c.fraction(), c.baseline());
            assertEquals(p - b, c.deltaF1(), 1e-12);
        }
        ReportRow late = r.report().rows().stream().filter(x -> x.fraction() == 1.0 && x.predictor().equals("dsae-supervised"))
                .findFirst().orElseThrow();
        assertEquals(40, late.tp() + late.fp() + late.fn() + late.tn(), "every run judged once at the end of training");
    }

    private static double f1(Report r, double f, String p) {
        return r.rows().stream().filter(x -> x.fraction() == f && x.predictor().equals(p)).findFirst().orElseThrow().f1();
    }
}
