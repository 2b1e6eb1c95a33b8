package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.evaluation.Predictor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationPredictorFitTest {

    private static List<Trial> completed(StudyDataset data, int n) {
        return PruningBench.runs(data).stream().limit(n).toList();
    }

    @Test
    void fitsAPlainPredictorByNameOnTheCompletedRunsOnly() {
        StudyDataset data = PruningStudies.outcomeInSpectrum(40, 4, 5);
        Predictor p = new EvaluationPredictorFit("spectrum-logistic", data, 1).fit(completed(data, 20));
        assertEquals("spectrum-logistic", p.name());
        double median = MedianPruner.median(completed(data, 20).stream().mapToDouble(Trial::finalLoss).toArray());
        // the held-back runs: low error (final loss below the completed runs' median) is told from the spectrum
        long right = PruningBench.runs(data).stream().skip(20)
                .filter(r -> p.lowError(r.rows().get(1)) == (r.finalLoss() < median)).count();
        assertTrue(right >= 17, right + " of 20 held-back runs right");
    }

    @Test
    void lossAndFeatureSetPredictorsJudgeRunsStillTraining() {
        StudyDataset data = PruningStudies.outcomeInSpectrum(40, 4, 5);
        for (String name : List.of("loss-fitted", "spectrum+loss")) {
            Predictor p = new EvaluationPredictorFit(name, data, 1).fit(completed(data, 20));
            assertEquals(name, p.name());
            // A run not completed yet: its loss change comes from its own earlier checkpoint, known by then.
            Trial training = PruningBench.runs(data).get(30);
            p.lowError(training.rows().get(2));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationPredictorFit("embedding+loss", data, 1).fit(completed(data, 20)));
        assertTrue(e.getMessage().contains("embedding+loss"), e.getMessage());
    }

    @Test
    void anUnknownPredictorNameIsAClearError() {
        StudyDataset data = PruningStudies.outcomeInSpectrum(20, 2, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EvaluationPredictorFit("oracle", data, 1).fit(completed(data, 12)));
        assertTrue(e.getMessage().contains("unknown predictor 'oracle'") && e.getMessage().contains("spectrum-pca"), e.getMessage());
    }

    @Test
    void aQuarterOfTheCompletedRunsValidates() {
        List<String> ids = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "r" + i).toList();
        RunPartition p = EvaluationPredictorFit.validationQuarter(ids, 3);
        assertEquals(4, p.runs(ids, RunPartition.Part.VALIDATION));
        assertEquals(12, p.runs(ids, RunPartition.Part.TRAIN));
        assertEquals(RunPartition.Part.TEST, p.partOf("not-completed"));
    }
}
