package io.aelle.model.embedding.training;

import io.aelle.model.classify.ClassifierChoice;
import io.aelle.model.classify.PlaneClassifier;
import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.BundleManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Whether to fit the plane classifier per training fraction (the paper fits its plane per epoch) or once on all
 * fractions together, decided on the validation runs without letting them both tune and score a classifier:
 * the validation runs are cut in two folds; each fold is scored by classifiers whose free parameters were tuned on
 * the other fold (shapes on the training rows), pooled and per fraction alike; the per-fraction classifiers win only
 * with a strictly higher summed F1. The classifier kind is the pooled choice's in both, so the two differ only in
 * where they are fitted.
 *
 * @param classifiers per fraction, refitted on all validation runs (used when {@code chosen})
 */
public record PerFraction(boolean chosen, double pooledF1, double perFractionF1, List<BundleManifest.FractionClassifier> classifiers) {

    public static PerFraction decide(List<DatasetRow> train, double[][] trainPoints, List<DatasetRow> val, double[][] valPoints,
                                     double threshold, PlaneClassifier pooled) {
        List<String> kind = List.of(pooled.name());
        List<String> valRuns = new ArrayList<>(new TreeSet<>(val.stream().map(DatasetRow::runId).toList()));
        int[] fold = new int[val.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = valRuns.indexOf(val.get(i).runId()) % 2;
        }
        Subset all = Subset.of(train, trainPoints, threshold);
        Subset allVal = Subset.of(val, valPoints, threshold);
        Confusion pooledSum = new Confusion(0, 0, 0, 0);
        Confusion perSum = new Confusion(0, 0, 0, 0);
        for (int k = 0; k < 2; k++) {
            Subset tune = allVal.where(fold, 1 - k);
            Subset score = allVal.where(fold, k);
            PlaneClassifier c = fit(all, tune, kind);
            if (c != null && score.size() > 0) {
                pooledSum = pooledSum.plus(Confusion.of(c.lowErrorAll(score.points), score.labels));
            }
            for (double f : fractions(val)) {
                Subset scoreF = score.at(f);
                if (scoreF.size() == 0) {
                    continue;
                }
                PlaneClassifier cf = fit(all.at(f), tune.at(f), kind);
                PlaneClassifier used = cf != null ? cf : c;
                if (used != null) {
                    perSum = perSum.plus(Confusion.of(used.lowErrorAll(scoreF.points), scoreF.labels));
                }
            }
        }
        boolean chosen = perSum.f1() > pooledSum.f1();
        List<BundleManifest.FractionClassifier> classifiers = new ArrayList<>();
        for (double f : fractions(train)) {
            PlaneClassifier cf = fit(all.at(f), allVal.at(f), kind);
            classifiers.add(new BundleManifest.FractionClassifier(f, cf != null ? cf : pooled));
        }
        return new PerFraction(chosen, pooledSum.f1(), perSum.f1(), classifiers);
    }

    private static TreeSet<Double> fractions(List<DatasetRow> rows) {
        return new TreeSet<>(rows.stream().map(DatasetRow::fractionKey).toList());
    }

    /** The kind's classifier, or null when the rows cannot fit it (no rows, or no low-error training point). */
    private static PlaneClassifier fit(Subset shape, Subset tune, List<String> kind) {
        if (shape.size() < 2 || tune.size() == 0) {
            return null;
        }
        try {
            return ClassifierChoice.choose(shape.points, shape.labels, tune.points, tune.labels, kind).best();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Rows with their plane points and labels. */
    private record Subset(List<DatasetRow> rows, double[][] points, boolean[] labels) {

        static Subset of(List<DatasetRow> rows, double[][] points, double threshold) {
            return new Subset(rows, points, EmbeddingFitter.labels(rows, threshold));
        }

        int size() {
            return rows.size();
        }

        Subset where(int[] fold, int k) {
            return filter(i -> fold[i] == k);
        }

        Subset at(double fraction) {
            return filter(i -> rows.get(i).fractionKey() == fraction);
        }

        private Subset filter(java.util.function.IntPredicate keep) {
            List<DatasetRow> r = new ArrayList<>();
            List<double[]> p = new ArrayList<>();
            List<Boolean> l = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (keep.test(i)) {
                    r.add(rows.get(i));
                    p.add(points[i]);
                    l.add(labels[i]);
                }
            }
            boolean[] lab = new boolean[l.size()];
            for (int i = 0; i < lab.length; i++) {
                lab[i] = l.get(i);
            }
            return new Subset(r, p.toArray(new double[0][]), lab);
        }
    }
}
