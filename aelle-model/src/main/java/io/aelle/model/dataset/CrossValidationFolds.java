package io.aelle.model.dataset;

import io.aelle.model.util.Permutations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold cross-validation over runs: every run is a test run in exactly one fold, so a study of n runs is scored
 * on all n instead of the ~20% a single split holds out. In fold i the test part is fold i, validation is fold
 * i+1 (mod k) and training the other k−2 folds (k = 5 gives the single split's 60/20/20 shares).
 *
 * <p>Folds are stratified by outcome without needing the low-error threshold: runs are sorted by final loss and
 * each consecutive block of k runs is dealt to the k folds in a seeded random order, so every fold spans the whole
 * range of final losses and fold sizes differ by at most one.
 */
public final class CrossValidationFolds {

    private CrossValidationFolds() {
    }

    /** One fold's partition. */
    public record Fold(int index, int folds, long seed, Map<String, Part> parts) implements RunPartition {

        @Override
        public Part partOf(String runId) {
            Part p = parts.get(runId);
            if (p == null) {
                throw new IllegalArgumentException("run '" + runId + "' is not in the study the folds were made for");
            }
            return p;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cross_validation_fold", index);
            m.put("folds", folds);
            m.put("seed", seed);
            return m;
        }
    }

    /** The k folds of the dataset's runs that have a final loss (runs without one cannot be scored). */
    public static List<Fold> of(StudyDataset data, int k, long seed) {
        if (k < 3) {
            throw new IllegalArgumentException("cross-validation needs at least 3 folds (test, validation, training), got " + k);
        }
        List<Map.Entry<String, Double>> runs = new ArrayList<>();
        data.byRun().forEach((run, rows) -> {
            double loss = rows.get(0).finalLoss();
            if (!Double.isNaN(loss)) {   // failed runs (+Infinity) are scored as high error too
                runs.add(Map.entry(run, loss));
            }
        });
        if (runs.size() < 2 * k) {
            throw new IllegalArgumentException("study " + data.header().study() + " has " + runs.size()
                    + " runs with a final loss; " + k + "-fold cross-validation needs at least " + 2 * k);
        }
        runs.sort(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        Random random = new Random(seed);
        int[] foldOf = new int[runs.size()];
        for (int start = 0; start < runs.size(); start += k) {
            int[] order = Permutations.shuffled(k, random);
            for (int j = start; j < Math.min(start + k, runs.size()); j++) {
                foldOf[j] = order[j - start];
            }
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Map<String, RunPartition.Part> parts = new java.util.TreeMap<>();
            for (int j = 0; j < runs.size(); j++) {
                int f = foldOf[j];
                parts.put(runs.get(j).getKey(), f == i ? RunPartition.Part.TEST : f == (i + 1) % k ? RunPartition.Part.VALIDATION : RunPartition.Part.TRAIN);
            }
            folds.add(new Fold(i, k, seed, parts));
        }
        return folds;
    }
}
