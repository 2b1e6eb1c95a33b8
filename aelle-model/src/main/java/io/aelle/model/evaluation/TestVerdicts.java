package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every predictor's verdict on every test row. A single split adds its test rows once; cross-validation adds each
 * fold's held-out rows with that fold's predictors, so every run is judged by predictors that never saw it.
 */
final class TestVerdicts {

    private final List<DatasetRow> rows = new ArrayList<>();
    private final Map<String, List<Boolean>> verdicts = new LinkedHashMap<>();
    /** Per predictor, how many batches (folds) used each classifier. */
    private final Map<String, Map<String, Integer>> classifiers = new LinkedHashMap<>();

    void add(List<DatasetRow> testRows, List<Predictor> predictors) {
        if (!verdicts.isEmpty() && !verdicts.keySet().equals(names(predictors))) {
            throw new IllegalArgumentException("every batch of test rows needs the same predictors: " + verdicts.keySet()
                    + " vs " + names(predictors));
        }
        rows.addAll(testRows);
        for (Predictor p : predictors) {
            List<Boolean> v = verdicts.computeIfAbsent(p.name(), k -> new ArrayList<>());
            for (DatasetRow r : testRows) {
                v.add(p.lowError(r));
            }
            classifiers.computeIfAbsent(p.name(), k -> new TreeMap<>()).merge(p.classifier(), 1, Integer::sum);
        }
    }

    List<DatasetRow> rows() {
        return rows;
    }

    List<String> predictors() {
        return List.copyOf(verdicts.keySet());
    }

    boolean lowError(String predictor, int row) {
        return verdicts.get(predictor).get(row);
    }

    /** The classifier, or "a ×3, b ×2" when folds chose differently. */
    String classifier(String predictor) {
        Map<String, Integer> c = classifiers.get(predictor);
        if (c.size() == 1) {
            return c.keySet().iterator().next();
        }
        StringBuilder b = new StringBuilder();
        c.forEach((name, n) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(" ×").append(n));
        return b.toString();
    }

    private static java.util.Set<String> names(List<Predictor> predictors) {
        java.util.Set<String> s = new java.util.LinkedHashSet<>();
        predictors.forEach(p -> s.add(p.name()));
        return s;
    }
}
