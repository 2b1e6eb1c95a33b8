package io.aelle.model.evaluation;

import io.aelle.model.classify.LogisticRegression;
import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Normalisation;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * L2-penalised logistic regression on standardised features of a checkpoint, as one model pooled over every
 * training fraction or as one model per fraction (the spectra and losses drift during training, so pooling mixes
 * distributions). Weights are fitted on the training rows, the probability cut on the validation rows. A row at a
 * fraction the training runs lack uses the model of the latest fraction before it (the first one when none).
 *
 * <p>{@link #choose} decides pooled versus per fraction on the validation runs without letting them both tune and
 * score: the validation runs are cut in two halves, each half is scored with cuts tuned on the other, and the
 * per-fraction models win only with a strictly higher F1 over both halves (as {@code PerFraction} does for planes).
 */
public final class FeatureModel implements Predictor {

    /** Ridge penalty on standardised features: tens of correlated features, a hundred or so rows per fraction. */
    static final double L2 = 1.0;

    private record Fitted(Normalisation norm, LogisticRegression model) {
        boolean lowError(double[] x) {
            return model.lowError(norm.apply(x));
        }
    }

    /**
     * One fitted model as a bundle records it.
     *
     * @param fraction the training fraction it was fitted on; null for the pooled model
     */
    public record FractionModel(Double fraction, Normalisation normalisation, LogisticRegression model) {
    }

    private final String name;
    private final String classifier;
    private final Function<DatasetRow, double[]> features;
    private final TreeMap<Double, Fitted> models;

    private FeatureModel(String name, String classifier, Function<DatasetRow, double[]> features, TreeMap<Double, Fitted> models) {
        this.name = name;
        this.classifier = classifier;
        this.features = features;
        this.models = models;
    }

    /** One model over all training fractions. */
    public static FeatureModel pooled(String name, Function<DatasetRow, double[]> features, List<DatasetRow> train,
                                      List<DatasetRow> val, double threshold) {
        TreeMap<Double, Fitted> m = new TreeMap<>();
        m.put(Double.NEGATIVE_INFINITY, fit(features, train, val, threshold));
        return new FeatureModel(name, LogisticRegression.NAME + " pooled", features, m);
    }

    /** One model per training fraction, each fitted on that fraction's rows. */
    public static FeatureModel perFraction(String name, Function<DatasetRow, double[]> features, List<DatasetRow> train,
                                           List<DatasetRow> val, double threshold) {
        TreeMap<Double, Fitted> m = new TreeMap<>();
        for (Map.Entry<Double, List<DatasetRow>> e : byFraction(train).entrySet()) {
            List<DatasetRow> v = at(val, e.getKey());
            m.put(e.getKey(), fit(features, e.getValue(), v.isEmpty() ? e.getValue() : v, threshold));
        }
        return new FeatureModel(name, LogisticRegression.NAME + " per fraction", features, m);
    }

    /** Pooled or per fraction, whichever scores better on the validation runs (see the class comment). */
    public static FeatureModel choose(String name, Function<DatasetRow, double[]> features, List<DatasetRow> train,
                                      List<DatasetRow> val, double threshold) {
        List<String> runs = new ArrayList<>(new TreeSet<>(val.stream().map(DatasetRow::runId).toList()));
        List<List<DatasetRow>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        for (DatasetRow r : val) {
            halves.get(runs.indexOf(r.runId()) % 2).add(r);
        }
        Confusion pooled = new Confusion(0, 0, 0, 0);
        Confusion per = new Confusion(0, 0, 0, 0);
        for (int k = 0; k < 2; k++) {
            List<DatasetRow> tune = halves.get(1 - k), score = halves.get(k);
            if (tune.isEmpty() || score.isEmpty()) {
                continue;
            }
            pooled = pooled.plus(pooled(name, features, train, tune, threshold).confusion(score, threshold));
            per = per.plus(perFraction(name, features, train, tune, threshold).confusion(score, threshold));
        }
        return per.f1() > pooled.f1() ? perFraction(name, features, train, val, threshold) : pooled(name, features, train, val, threshold);
    }

    private static Fitted fit(Function<DatasetRow, double[]> features, List<DatasetRow> train, List<DatasetRow> tune, double threshold) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training rows to fit a feature model on");
        }
        double[][] x = matrix(features, train);
        Normalisation n = Normalisation.standardise(x);
        double[][] tuneX = n.applyAll(matrix(features, tune));
        boolean[] tuneY = EmbeddingFitter.labels(tune, threshold);
        LogisticRegression m = LogisticRegression.fit(n.applyAll(x), EmbeddingFitter.labels(train, threshold), L2, tuneX, tuneY);
        return new Fitted(n, centredCut(m, tuneX, tuneY));
    }

    /**
     * The same weights with the probability cut in the middle of the cuts that maximise F1 on the tuning rows: the
     * lowest such cut sits right against the tuning set's most likely high-error run, so new runs just beyond it would
     * be called low error.
     */
    static LogisticRegression centredCut(LogisticRegression m, double[][] x, boolean[] y) {
        double best = -1;
        List<Integer> at = new ArrayList<>();
        for (int c = 1; c < 100; c++) {
            double f1 = Confusion.of(new LogisticRegression(m.weights(), m.bias(), c / 100.0).lowErrorAll(x), y).f1();
            if (f1 > best + 1e-12) {
                best = f1;
                at.clear();
            }
            if (Math.abs(f1 - best) <= 1e-12) {
                at.add(c);
            }
        }
        return new LogisticRegression(m.weights(), m.bias(), at.get(at.size() / 2) / 100.0);
    }

    Confusion confusion(List<DatasetRow> rows, double threshold) {
        boolean[] p = new boolean[rows.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = lowError(rows.get(i));
        }
        return Confusion.of(p, EmbeddingFitter.labels(rows, threshold));
    }

    private static double[][] matrix(Function<DatasetRow, double[]> features, List<DatasetRow> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features.apply(rows.get(i));
        }
        return x;
    }

    private static TreeMap<Double, List<DatasetRow>> byFraction(List<DatasetRow> rows) {
        TreeMap<Double, List<DatasetRow>> m = new TreeMap<>();
        rows.forEach(r -> m.computeIfAbsent(r.fractionKey(), k -> new ArrayList<>()).add(r));
        return m;
    }

    private static List<DatasetRow> at(List<DatasetRow> rows, double fraction) {
        return rows.stream().filter(r -> r.fractionKey() == fraction).toList();
    }

    /** The fitted models, for a bundle: one pooled model (fraction null) or one per fraction. */
    public List<FractionModel> fitted() {
        List<FractionModel> out = new ArrayList<>();
        models.forEach((f, m) -> out.add(new FractionModel(f == Double.NEGATIVE_INFINITY ? null : f, m.norm(), m.model())));
        return out;
    }

    /** The features this model reads. */
    public Function<DatasetRow, double[]> features() {
        return features;
    }

    /** A model from the parts {@link #fitted()} gave, reading {@code features}. */
    public static FeatureModel restore(String name, Function<DatasetRow, double[]> features, List<FractionModel> fitted) {
        if (fitted.isEmpty()) {
            throw new IllegalArgumentException("feature model " + name + " has no fitted model");
        }
        TreeMap<Double, Fitted> m = new TreeMap<>();
        for (FractionModel f : fitted) {
            m.put(f.fraction() == null ? Double.NEGATIVE_INFINITY : f.fraction(), new Fitted(f.normalisation(), f.model()));
        }
        if (m.containsKey(Double.NEGATIVE_INFINITY) && m.size() > 1) {
            throw new IllegalArgumentException("feature model " + name + " mixes a pooled model with per-fraction ones");
        }
        return new FeatureModel(name, LogisticRegression.NAME + (m.containsKey(Double.NEGATIVE_INFINITY) ? " pooled" : " per fraction"),
                features, m);
    }

    public boolean perFraction() {
        return !models.containsKey(Double.NEGATIVE_INFINITY);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String classifier() {
        return classifier;
    }

    @Override
    public boolean lowError(DatasetRow row) {
        Map.Entry<Double, Fitted> e = models.floorEntry(row.fractionKey() + 1e-9);
        return (e != null ? e : models.firstEntry()).getValue().lowError(features.apply(row));
    }
}
