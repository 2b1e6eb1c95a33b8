package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingFitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The paper's Table 1 on our runs: every predictor's verdicts on the test runs, per training fraction, with
 * 95% percentile-bootstrap intervals of F1 over runs (runs resampled with replacement).
 */
public final class Evaluator {

    private final RunSplit split;
    private final int bootstrap;
    private final long seed;

    public Evaluator(RunSplit split, int bootstrap, long seed) {
        if (bootstrap < 10) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 10, got " + bootstrap);
        }
        this.split = split;
        this.bootstrap = bootstrap;
        this.seed = seed;
    }

    /** The bundles' predictors plus the loss baseline and the two plain spectrum predictors fitted here. */
    public List<Predictor> predictors(StudyDataset data, List<Embedding> bundles) {
        double threshold = data.header().lossThreshold();
        for (Embedding e : bundles) {
            if (e.spectrumLength() != data.header().spectrumLength()) {
                throw new IllegalArgumentException("bundle " + e.type().id() + " reads spectra of length " + e.spectrumLength()
                        + " but the dataset's are " + data.header().spectrumLength());
            }
        }
        List<DatasetRow> train = EmbeddingFitter.usable(split.rows(data.rows(), RunSplit.Part.TRAIN));
        List<DatasetRow> val = EmbeddingFitter.usable(split.rows(data.rows(), RunSplit.Part.VALIDATION));
        List<Predictor> out = new ArrayList<>();
        for (Embedding e : bundles) {
            out.add(new EmbeddingPredictor(e));
        }
        out.add(SpectrumPcaPredictor.fit(train, val, threshold));
        out.add(SpectrumLogisticPredictor.fit(train, val, threshold));
        out.add(new LossBaseline(threshold));
        return out;
    }

    public Report evaluate(StudyDataset data, List<Predictor> predictors) {
        List<DatasetRow> test = EmbeddingFitter.usable(split.rows(data.rows(), RunSplit.Part.TEST));
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no test runs with a final loss in study " + data.header().study());
        }
        double threshold = data.header().lossThreshold();
        List<String> runIds = data.runIds();
        Map<String, Long> runs = new LinkedHashMap<>();
        runs.put("train", split.runs(runIds, RunSplit.Part.TRAIN));
        runs.put("validation", split.runs(runIds, RunSplit.Part.VALIDATION));
        runs.put("test", split.runs(runIds, RunSplit.Part.TEST));

        Map<Double, List<DatasetRow>> byFraction = new java.util.TreeMap<>();
        for (DatasetRow r : test) {
            byFraction.computeIfAbsent(r.fractionKey(), k -> new ArrayList<>()).add(r);
        }
        List<ReportRow> rows = new ArrayList<>();
        for (Map.Entry<Double, List<DatasetRow>> e : byFraction.entrySet()) {
            List<DatasetRow> at = e.getValue();
            boolean[] actual = EmbeddingFitter.labels(at, threshold);
            for (Predictor p : predictors) {
                boolean[] predicted = new boolean[at.size()];
                for (int i = 0; i < predicted.length; i++) {
                    predicted[i] = p.lowError(at.get(i));
                }
                Confusion c = Confusion.of(predicted, actual);
                rows.add(ReportRow.of(e.getKey(), p, c, f1Interval(at, predicted, actual)));
            }
        }
        return new Report(data.header().study(), threshold, runs, rows);
    }

    /**
     * 95% percentile interval of F1 when the runs at this fraction are resampled with replacement; a run
     * contributes all its rows at the fraction (usually one).
     */
    double[] f1Interval(List<DatasetRow> rows, boolean[] predicted, boolean[] actual) {
        Map<String, List<Integer>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byRun.computeIfAbsent(rows.get(i).runId(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byRun.values());
        Confusion[] perRun = new Confusion[groups.size()];
        for (int g = 0; g < perRun.length; g++) {
            long tp = 0, fp = 0, fn = 0, tn = 0;
            for (int i : groups.get(g)) {
                if (predicted[i]) { if (actual[i]) tp++; else fp++; } else { if (actual[i]) fn++; else tn++; }
            }
            perRun[g] = new Confusion(tp, fp, fn, tn);
        }
        Random r = new Random(seed);
        double[] f1 = new double[bootstrap];
        for (int b = 0; b < bootstrap; b++) {
            Confusion sum = new Confusion(0, 0, 0, 0);
            for (int k = 0; k < perRun.length; k++) {
                sum = sum.plus(perRun[r.nextInt(perRun.length)]);
            }
            f1[b] = sum.f1();
        }
        Arrays.sort(f1);
        return new double[] {percentile(f1, 0.025), percentile(f1, 0.975)};
    }

    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
