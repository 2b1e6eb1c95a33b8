package io.aelle.model.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.evaluation.Predictor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictorPrunerTest {

    private static Trial trial(String id, int epoch, double spectrumValue) {
        List<DatasetRow> rows = new ArrayList<>();
        for (int e = 0; e <= epoch; e++) {
            rows.add(new DatasetRow(id, "{}", e, 10, 1.0, Double.NaN, 1, new double[] {spectrumValue}));
        }
        return new Trial(id, rows);
    }

    /** "low error" when the spectrum's single value is positive. */
    private record SignPredictor() implements Predictor {
        @Override
        public String name() {
            return "sign";
        }

        @Override
        public String classifier() {
            return "s0 > 0";
        }

        @Override
        public boolean lowError(DatasetRow row) {
            return row.spectrum()[0] > 0;
        }
    }

    @Test
    void fitsAfterTheStartupRunsAndAgainEachTimeTheCompletedRunsDouble() {
        List<Integer> fittedOn = new ArrayList<>();
        PredictorPruner p = new PredictorPruner("sign", completed -> {
            fittedOn.add(completed.size());
            return new SignPredictor();
        }, 4, 1);
        for (int i = 0; i < 3; i++) {
            p.completed(trial("c" + i, 10, 1));
        }
        assertFalse(p.stop(trial("bad", 2, -1), 2), "no predictor before 4 runs completed");
        for (int i = 3; i < 17; i++) {
            p.completed(trial("c" + i, 10, 1));
        }
        assertEquals(List.of(4, 8, 16), fittedOn);
        assertTrue(p.stop(trial("bad", 2, -1), 2));
        assertFalse(p.stop(trial("good", 2, 1), 2));
        assertFalse(p.stop(trial("bad", 0, -1), 0), "before the minimum epoch");
    }

    @Test
    void aFailedFitKeepsThePreviousPredictor() {
        int[] calls = {0};
        PredictorPruner p = new PredictorPruner("sign", completed -> {
            if (++calls[0] == 2) {
                throw new IllegalArgumentException("one class only");
            }
            return new SignPredictor();
        }, 2, 1);
        for (int i = 0; i < 4; i++) {
            p.completed(trial("c" + i, 10, 1));
        }
        assertEquals(2, calls[0]);
        assertEquals(1, p.fits());
        assertTrue(p.stop(trial("bad", 1, -1), 1));
    }

    @Test
    void whenTheOutcomeLivesInTheSpectrumAelleSavesMoreThanMedianAtZeroRegret() {
        StudyDataset data = PruningStudies.outcomeInSpectrum(60, 6, 11);
        List<PruningMetrics> median = PruningStudies.replay(data, MedianPruner::optunaDefaults, 3, 4);
        List<PruningMetrics> aelle = PruningStudies.replay(data,
                () -> new PredictorPruner("aelle", new EvaluationPredictorFit("aelle", data, 1), 16, 1), 3, 4);
        for (int o = 0; o < 3; o++) {
            assertEquals(0.0, aelle.get(o).regret(), 0.0, "order " + o);
            assertTrue(aelle.get(o).epochsShare() < median.get(o).epochsShare(),
                    "order " + o + ": aelle " + aelle.get(o).epochsShare() + " vs median " + median.get(o).epochsShare());
        }
    }
}
