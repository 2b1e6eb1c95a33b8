package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.classify.LogisticRegression;
import io.aelle.model.dataset.DatasetRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FeatureModelTest {

    /** Rows whose low-error sign flips between the early and the late half of training: no pooled line separates them. */
    private static List<DatasetRow> flipping(int runs, long seed, String prefix) {
        Random r = new Random(seed);
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            boolean low = i % 2 == 0;
            for (int e = 0; e <= 4; e++) {
                double x = (low == e < 2 ? 1 : -1) * (0.5 + r.nextDouble());
                rows.add(new DatasetRow(prefix + i, "{}", e, 4, 1, low ? 0.5 : 1.5, 1, new double[] {x}));
            }
        }
        return rows;
    }

    private static final Function<DatasetRow, double[]> SPECTRUM = DatasetRow::spectrum;

    @Test
    void choosesPerFractionModelsWhenTheRelationChangesDuringTraining() {
        List<DatasetRow> train = flipping(40, 1, "t"), val = flipping(20, 2, "v"), test = flipping(20, 3, "x");
        FeatureModel m = FeatureModel.choose("spectrum", SPECTRUM, train, val, 1.0);
        assertTrue(m.perFraction());
        assertEquals("logistic per fraction", m.classifier());
        assertEquals(1.0, m.confusion(test, 1.0).f1(), 1e-12);
        assertTrue(FeatureModel.pooled("spectrum", SPECTRUM, train, val, 1.0).confusion(test, 1.0).f1() < 0.8);
    }

    @Test
    void keepsOnePooledModelWhenTheRelationIsTheSameThroughoutTraining() {
        List<DatasetRow> train = flipping(40, 1, "t").stream().filter(r -> r.epoch() < 2).toList();
        List<DatasetRow> val = flipping(20, 2, "v").stream().filter(r -> r.epoch() < 2).toList();
        assertFalse(FeatureModel.choose("spectrum", SPECTRUM, train, val, 1.0).perFraction(), "ties go to the pooled model");
    }

    @Test
    void theCutSitsInTheMiddleOfTheCutsThatSeparateTheTuningRows() {
        LogisticRegression m = new LogisticRegression(new double[] {1}, 0, 0.5);
        double[][] x = {{-2}, {-1}, {1}, {2}};                    // probabilities 0.12, 0.27, 0.73, 0.88
        boolean[] y = {false, false, true, true};
        double cut = FeatureModel.centredCut(m, x, y).cut();
        assertEquals(0.5, cut, 0.011, "every cut in (0.27, 0.73] separates them; the middle one is kept");
    }
}
