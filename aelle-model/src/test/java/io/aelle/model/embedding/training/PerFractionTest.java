package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.classify.Pc1Threshold;
import io.aelle.model.classify.PlaneClassifier;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.BundleManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerFractionTest {

    /**
     * Runs at fractions 0 and 1 whose final loss is 1 + run quality; PC1 = quality + shift(fraction) + noise, so the
     * low-error boundary on PC1 moves with the fraction by {@code drift}.
     */
    private static Object[] rows(int runs, double drift, long seed) {
        Random r = new Random(seed);
        List<DatasetRow> rows = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double quality = r.nextDouble() * 2 - 1;
            for (int epoch = 0; epoch <= 1; epoch++) {
                rows.add(new DatasetRow(String.format("run-%03d", run), "{}", epoch, 1, Double.NaN, 1 + quality, 2, new double[] {0, 0}));
                points.add(new double[] {quality + drift * epoch + 0.05 * r.nextGaussian(), r.nextGaussian()});
            }
        }
        return new Object[] {rows, points.toArray(new double[0][])};
    }

    @SuppressWarnings("unchecked")
    private static PerFraction decide(double drift) {
        Object[] train = rows(80, drift, 1);
        Object[] val = rows(60, drift, 2);
        double[][] tp = (double[][]) train[1];
        double[][] vp = (double[][]) val[1];
        List<DatasetRow> tr = (List<DatasetRow>) train[0];
        List<DatasetRow> va = (List<DatasetRow>) val[0];
        PlaneClassifier pooled = Pc1Threshold.fit(vp, EmbeddingFitter.labels(va, 1.0));
        return PerFraction.decide(tr, tp, va, vp, 1.0, pooled);
    }

    @Test
    void aBoundaryThatMovesWithTrainingIsFittedPerFraction() {
        PerFraction p = decide(1.0);
        assertTrue(p.chosen(), "per fraction " + p.perFractionF1() + " vs pooled " + p.pooledF1());
        assertTrue(p.perFractionF1() > 0.9);
        assertEquals(List.of(0.0, 1.0), p.classifiers().stream().map(BundleManifest.FractionClassifier::fraction).toList());
        double cut0 = ((Pc1Threshold) p.classifiers().get(0).classifier()).threshold();
        double cut1 = ((Pc1Threshold) p.classifiers().get(1).classifier()).threshold();
        assertEquals(1.0, cut1 - cut0, 0.3, "the two cuts sit about the drift apart");
    }

    @Test
    void aFixedBoundaryKeepsThePooledClassifier() {
        PerFraction p = decide(0.0);
        assertFalse(p.chosen(), "per fraction " + p.perFractionF1() + " vs pooled " + p.pooledF1());
        assertTrue(p.pooledF1() > 0.9);
    }
}
