package io.aelle.model.evaluation;

import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paper's Table 1 on our runs: every predictor's verdicts on the test runs, per training fraction, with 95%
 * percentile-bootstrap intervals of F1 over runs (runs resampled with replacement), and each embedding's F1
 * difference from the plain predictors with paired intervals.
 *
 * <p>Fractions reported: every checkpoint fraction present, plus the paper's 5/20/35/50% "as of" fractions, where a
 * verdict at fraction f uses each run's latest checkpoint at or before f — what a monitor watching the run knows then.
 */
public final class Evaluator {

    /** The fractions of the paper's Table 1. */
    public static final double[] PAPER_FRACTIONS = {0.05, 0.20, 0.35, 0.50};
    /**
     * Predictors every report has (where the study allows); every other predictor is compared against each of them,
     * and the plain spectrum predictors against the {@link Baselines#REFERENCES}.
     */
    static final List<String> BASELINES = List.of("spectrum-logistic", "spectrum-pca", LossThresholdBaseline.NAME,
            LossMedianBaseline.NAME, Baselines.LOSS_FITTED, Baselines.HPARAMS);

    private final RunPartition split;
    private final int bootstrap;
    private final long seed;
    private final double[] asOf;

    public Evaluator(RunPartition split, int bootstrap, long seed) {
        this(split, bootstrap, seed, PAPER_FRACTIONS);
    }

    /** @param asOf fractions reported in addition to the checkpoint fractions present */
    public Evaluator(RunPartition split, int bootstrap, long seed, double[] asOf) {
        if (bootstrap < 10) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 10, got " + bootstrap);
        }
        for (double f : asOf) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("as-of fractions must lie in [0, 1], got " + f);
            }
        }
        this.split = split;
        this.bootstrap = bootstrap;
        this.seed = seed;
        this.asOf = asOf.clone();
    }

    /** The bundles' predictors plus the baselines fitted on the split. */
    public List<Predictor> predictors(StudyDataset data, List<Embedding> bundles) {
        return predictors(data, bundles, List.of());
    }

    /** The bundles' predictors, the baselines and the combined feature sets, fitted on the split. */
    public List<Predictor> predictors(StudyDataset data, List<Embedding> bundles, List<FeatureSet> sets) {
        for (Embedding e : bundles) {
            if (e.spectrumLength() != data.header().spectrumLength()) {
                throw new IllegalArgumentException("bundle " + e.type().id() + " reads spectra of length " + e.spectrumLength()
                        + " but the dataset's are " + data.header().spectrumLength());
            }
        }
        List<Predictor> out = new ArrayList<>();
        PreviousLoss previous = PreviousLoss.of(data.rows());
        for (Embedding e : bundles) {
            out.add(e.manifest().features() == null ? new EmbeddingPredictor(e) : new FeatureBundlePredictor(e, previous));
        }
        out.addAll(Baselines.fit(data, split, sets, bundles.isEmpty() ? null : bundles.get(0)));
        return out;
    }

    /** Scores the predictors on the split's test runs. */
    public Report evaluate(StudyDataset data, List<Predictor> predictors) {
        List<DatasetRow> test = CrossValidator.scored(split.rows(data.rows(), RunPartition.Part.TEST));
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no test runs with a final loss in study " + data.header().study());
        }
        TestVerdicts v = new TestVerdicts();
        v.add(test, predictors);
        List<String> runIds = data.runIds();
        Map<String, Long> runs = new LinkedHashMap<>();
        runs.put("train", split.runs(runIds, RunPartition.Part.TRAIN));
        runs.put("validation", split.runs(runIds, RunPartition.Part.VALIDATION));
        runs.put("test", split.runs(runIds, RunPartition.Part.TEST));
        return score(data, runs, v);
    }

    /** Rows and comparisons of the verdicts at every reported fraction. */
    Report score(StudyDataset data, Map<String, Long> runs, TestVerdicts v) {
        double threshold = data.header().lossThreshold();
        List<DatasetRow> all = v.rows();
        Set<Double> targets = new TreeSet<>();
        all.forEach(r -> targets.add(r.fractionKey()));
        Arrays.stream(asOf).forEach(targets::add);
        List<ReportRow> rows = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (double f : targets) {
            int[] at = latestAtOrBefore(all, f);
            if (at.length == 0) {
                continue;
            }
            boolean[] actual = new boolean[at.length];
            double checkpoint = 0;
            for (int i = 0; i < at.length; i++) {
                actual[i] = all.get(at[i]).lowError(threshold);
                checkpoint = Math.max(checkpoint, all.get(at[i]).fractionKey());
            }
            int[][] resamples = resamples(at.length, f);
            Map<String, double[]> f1s = new LinkedHashMap<>();
            Map<String, Double> pointF1 = new LinkedHashMap<>();
            for (String p : v.predictors()) {
                boolean[] predicted = new boolean[at.length];
                for (int i = 0; i < at.length; i++) {
                    predicted[i] = v.lowError(p, at[i]);
                }
                double[] f1 = bootstrapF1(predicted, actual, resamples);
                f1s.put(p, f1);
                double[] sorted = f1.clone();
                Arrays.sort(sorted);
                Confusion c = Confusion.of(predicted, actual);
                pointF1.put(p, c.f1());
                rows.add(ReportRow.of(f, checkpoint, p, v.classifier(p), c,
                        new double[] {percentile(sorted, 0.025), percentile(sorted, 0.975)}));
            }
            for (String p : v.predictors()) {
                for (String b : baselinesOf(p)) {
                    if (f1s.containsKey(b)) {
                        comparisons.add(compare(f, p, b, pointF1.get(p) - pointF1.get(b), f1s.get(p), f1s.get(b)));
                    }
                }
            }
        }
        return new Report(data.header().study(), threshold, "probe", runs, rows, comparisons);
    }

    /** What a predictor is compared against: every baseline for a new predictor; the references for a spectrum one. */
    static List<String> baselinesOf(String predictor) {
        if (Baselines.REFERENCES.contains(predictor)) {
            return List.of();
        }
        if (BASELINES.contains(predictor)) {
            return Baselines.REFERENCES;
        }
        return BASELINES;
    }

    private static Comparison compare(double f, String p, String b, double delta, double[] f1p, double[] f1b) {
        double[] resampled = new double[f1p.length];
        for (int i = 0; i < resampled.length; i++) {
            resampled[i] = f1p[i] - f1b[i];
        }
        Arrays.sort(resampled);
        return new Comparison(f, p, b, delta, new double[] {percentile(resampled, 0.025), percentile(resampled, 0.975)});
    }

    /** For each run, the index of its latest row at or before fraction f (runs with none are left out). */
    static int[] latestAtOrBefore(List<DatasetRow> rows, double f) {
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            DatasetRow r = rows.get(i);
            if (r.fractionKey() > f + 1e-9) {
                continue;
            }
            Integer b = best.get(r.runId());
            if (b == null || rows.get(b).fractionKey() < r.fractionKey()) {
                best.put(r.runId(), i);
            }
        }
        return best.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same resampled runs for every predictor at a fraction, so differences are paired. */
    private int[][] resamples(int n, double fraction) {
        Random r = new Random(seed ^ Double.doubleToLongBits(fraction));
        int[][] idx = new int[bootstrap][n];
        for (int b = 0; b < bootstrap; b++) {
            for (int i = 0; i < n; i++) {
                idx[b][i] = r.nextInt(n);
            }
        }
        return idx;
    }

    private static double[] bootstrapF1(boolean[] predicted, boolean[] actual, int[][] resamples) {
        double[] f1 = new double[resamples.length];
        for (int b = 0; b < resamples.length; b++) {
            long tp = 0, fp = 0, fn = 0;
            for (int i : resamples[b]) {
                if (predicted[i] && actual[i]) tp++;
                else if (predicted[i]) fp++;
                else if (actual[i]) fn++;
            }
            f1[b] = new Confusion(tp, fp, fn, 0).f1();
        }
        return f1;
    }

    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
