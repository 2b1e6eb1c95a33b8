package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.StudyDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static final List<FeatureSet> SETS = List.of(FeatureSet.parse("spectrum"), FeatureSet.parse("spectrum+loss+hparams"));

    private static Report crossValidate(StudyDataset data) {
        return new CrossValidator(5, 3, 200, 1, new double[] {0.25}).evaluate(data, LossThresholdRule.PROBE, List.of(), SETS,
                s -> null, (done, total, what) -> { }).report();
    }

    private static double f1(Report r, double f, String p) {
        return r.rows().stream().filter(x -> x.fraction() == f && x.predictor().equals(p)).findFirst().orElseThrow().f1();
    }

    @Test
    void anOutcomeDecidedByOneHyperparameterIsFoundByHparamsAtEveryFraction() {
        Report r = crossValidate(KnownAnswerStudy.of(KnownAnswerStudy.Source.HPARAM, 80, 4, 1));
        for (double f : new double[] {0, 0.25, 0.5, 1}) {
            assertTrue(f1(r, f, "hparams") >= 0.95, "hparams F1 at " + f + ": " + f1(r, f, "hparams"));
        }
        assertTrue(f1(r, 0.25, "loss-median") < 0.8, "the loss is noise in this study");
    }

    @Test
    void anOutcomeThatFollowsTheEarlyLossRanksIsFoundByLossMedian() {
        Report r = crossValidate(KnownAnswerStudy.of(KnownAnswerStudy.Source.LOSS_RANK, 80, 4, 2));
        for (double f : new double[] {0, 0.25, 0.5}) {
            assertTrue(f1(r, f, "loss-median") >= 0.95, "loss-median F1 at " + f + ": " + f1(r, f, "loss-median"));
        }
        assertTrue(f1(r, 0.25, "hparams") < 0.8, "the hyperparameter is noise in this study");
        assertTrue(f1(r, 0.25, "loss-threshold") < f1(r, 0.25, "loss-median"), "the absolute threshold misses early");
    }

    @Test
    void anOutcomeDecidedByASpectrumFeatureIsFoundByTheSpectrumPredictorsAndNotByTheBaselines() {
        Report r = crossValidate(KnownAnswerStudy.of(KnownAnswerStudy.Source.SPECTRUM, 80, 4, 3));
        for (double f : new double[] {0, 0.25, 0.5}) {
            for (String p : List.of("spectrum-logistic", "spectrum", "spectrum+loss+hparams")) {
                for (String b : List.of("hparams", "loss-median")) {
                    assertTrue(f1(r, f, p) > f1(r, f, b) + 0.2, p + " vs " + b + " at " + f);
                }
            }
        }
        Comparison c = r.comparisons().stream().filter(x -> x.fraction() == 0.25 && x.predictor().equals("spectrum-logistic")
                && x.baseline().equals("hparams")).findFirst().orElseThrow();
        assertTrue(c.better(), "the paired interval lies above zero: " + java.util.Arrays.toString(c.deltaF1Ci95()));
    }

    @Test
    void aStudyWithoutHparamsReportsThemUnavailableInsteadOfScoringThem() {
        Report r = crossValidate(KnownAnswerStudy.of(KnownAnswerStudy.Source.LOSS_RANK, 40, 4, 4, false));
        assertEquals(java.util.Set.of("hparams", "spectrum+loss+hparams"), r.unavailable().keySet());
        assertFalse(r.rows().stream().anyMatch(x -> x.predictor().contains("hparams")));
        assertTrue(r.rows().stream().anyMatch(x -> x.predictor().equals("loss-median")));
        assertTrue(ReportWriter.markdown(r, null).contains("hparams (the runs carry no aelle.hparams)"));
    }
}
