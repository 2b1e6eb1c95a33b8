package io.aelle.model.autotrain;

import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.CrossValidator;
import io.aelle.model.evaluation.Evaluator;
import io.aelle.model.evaluation.FeatureSet;
import io.aelle.model.evaluation.Report;
import io.aelle.model.evaluation.ReportRow;
import io.aelle.model.evaluation.ReportWriter;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.embedding.BundleProvenance;
import io.aelle.model.embedding.training.DsaeTrainer;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.pruning.EvaluationPredictorFit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a study's bundle from its finished runs, and publishes it only when it beats what the search has without it.
 * <p>When: the study has no bundle, or its auto-trained bundle was built on at most half the runs that have finished
 * now (a bundle published by hand is never replaced); and at least {@code minRuns} runs have finished with both
 * classes (low and high error, by the study's probe threshold) at least {@code minPerClass} each.
 * <p>How: k-fold cross-validation over runs ({@link CrossValidator}: the embedding and every baseline are refitted in
 * each fold and judge only its held-out runs, so all are scored on the same runs); each predictor's F1 is the mean
 * over the early fractions ({@link Evaluator#PAPER_FRACTIONS}). The bar is the strongest of the baselines that read
 * no spectrum ({@link Baselines#REFERENCES}) and of the {@code --features} sets. Only a strictly better embedding is
 * fitted once more on all runs (a quarter of them for choosing its classifier) and returned as a bundle, with its
 * provenance and the cross-validation report.
 */
public final class AutoTraining {

    /**
     * @param minRuns     finished runs needed before training
     * @param minPerClass runs of each class needed
     * @param folds       cross-validation folds (at least 3)
     * @param aelle       the AeLLE network and schedule (its seed is {@code seed})
     */
    public record Settings(int minRuns, int minPerClass, EmbeddingType embedding, List<FeatureSet> features, int folds, long seed,
                           AelleTrainer.Settings aelle) {

        public Settings {
            if (minRuns < 2 * folds || minPerClass < 1 || folds < 3) {
                throw new IllegalArgumentException("auto-training needs --min-runs >= 2 x folds (" + 2 * folds
                        + "), at least 1 run per class and 3 folds; got min-runs " + minRuns + ", per class " + minPerClass
                        + ", folds " + folds);
            }
            features = List.copyOf(features);
        }

        public static Settings defaults() {
            return new Settings(20, 5, EmbeddingType.AELLE, List.of(), 3, 1, AelleTrainer.Settings.defaults());
        }

        public Settings withMinRuns(int n) {
            return new Settings(n, minPerClass, embedding, features, folds, seed, aelle);
        }

        public Settings withEmbedding(EmbeddingType t) {
            return new Settings(minRuns, minPerClass, t, features, folds, seed, aelle);
        }

        public Settings withFeatures(List<FeatureSet> sets) {
            return new Settings(minRuns, minPerClass, embedding, sets, folds, seed, aelle);
        }

        public Settings withAelle(AelleTrainer.Settings a) {
            return new Settings(minRuns, minPerClass, embedding, features, folds, seed, a);
        }
    }

    /** What a training attempt gave. */
    public sealed interface Result permits Trained, Refused {
        /** One line for the log. */
        String summary();
    }

    /** A bundle better than the strongest baseline, ready to publish. */
    public record Trained(BundleArchive bundle, double f1, String baseline, double baselineF1, Report report) implements Result {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "study %s: %s bundle on %d runs, cross-validated F1 %.3f > %s %.3f: publish",
                    bundle.study(), bundle.embedding().type().id(), bundle.provenance().orElseThrow().runs(), f1, baseline, baselineF1);
        }
    }

    /** No bundle, and why. */
    public record Refused(String study, String reason, Report report) implements Result {
        @Override
        public String summary() {
            return "study " + study + ": no bundle: " + reason;
        }
    }

    /** Told when a training step starts. */
    public interface Progress {
        void step(String what);
    }

    private final Settings settings;

    public AutoTraining(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Why the study should not be trained now, or null when it should (the class counts are checked on the dataset).
     *
     * @param finishedRuns runs of the study with a final outcome (completed or failed)
     * @param current      the provenance of the study's bundle in the table, or null when it has none
     */
    public String whyNotNow(int finishedRuns, BundleProvenance current) {
        if (finishedRuns < settings.minRuns()) {
            return finishedRuns + " runs finished, " + settings.minRuns() + " needed (--min-runs)";
        }
        if (current != null && !current.autoTrained()) {
            return "its bundle was published by hand (" + current.createdAt() + "); only auto-trained bundles are replaced";
        }
        if (current != null && 2L * current.runs() > finishedRuns) {
            return "its bundle was trained on " + current.runs() + " runs; retrained once " + 2 * current.runs() + " have finished ("
                    + finishedRuns + " now)";
        }
        return null;
    }

    /** Cross-validates the embedding against the baselines on the study's finished runs and fits the bundle if it wins. */
    public Result train(StudyDataset data, Instant now, Progress progress) {
        String study = data.header().study();
        int low = 0, high = 0;
        for (List<DatasetRow> rows : data.byRun().values()) {
            DatasetRow r = rows.get(0);
            if (Double.isNaN(r.finalLoss())) {
                continue;
            }
            if (r.lowError(data.header().lossThreshold())) low++; else high++;
        }
        if (low + high < settings.minRuns() || low < settings.minPerClass() || high < settings.minPerClass()) {
            return new Refused(study, String.format(Locale.ROOT, "%d finished runs in the dataset, %d low and %d high error by the "
                            + "probe's threshold %.4g; %d runs and %d of each class needed", low + high, low, high,
                    data.header().lossThreshold(), settings.minRuns(), settings.minPerClass()), null);
        }
        // The F1 intervals are for the report only; 100 resamples keep them cheap.
        CrossValidator cv = new CrossValidator(settings.folds(), settings.seed(), 100, settings.seed(), Evaluator.PAPER_FRACTIONS);
        Report report = cv.evaluate(data, LossThresholdRule.PROBE, List.of(settings.embedding()), settings.features(),
                s -> options(s.type(), s.partition(), s.threshold()),
                (done, total, what) -> progress.step("cross-validation " + (done + 1) + "/" + total + ": " + what)).report();
        Map<String, Double> f1 = earlyF1(report);
        String embedding = settings.embedding().id();
        Double ours = f1.get(embedding);
        String bar = null;
        double barF1 = Double.NEGATIVE_INFINITY;
        List<String> candidates = new ArrayList<>(Baselines.REFERENCES);
        settings.features().forEach(s -> candidates.add(s.id()));
        for (String c : candidates) {
            Double v = f1.get(c);
            if (v != null && v > barF1) {
                bar = c;
                barF1 = v;
            }
        }
        if (ours == null || bar == null) {
            return new Refused(study, "the cross-validation report lacks the embedding or every baseline (" + f1.keySet() + ")", report);
        }
        if (!(ours > barF1)) {
            return new Refused(study, String.format(Locale.ROOT, "%s cross-validated F1 %.3f is not above the strongest baseline, "
                    + "%s %.3f, on the same %d runs", embedding, ours, bar, barF1, low + high), report);
        }
        progress.step("fitting the bundle on all " + (low + high) + " runs");
        RunPartition partition = EvaluationPredictorFit.validationQuarter(data.runIds(), settings.seed());
        Embedding e = EmbeddingFitter.fit(data, options(settings.embedding(), partition, LossThresholdRule.PROBE), (ep, n, tr, va) -> { })
                .embedding();
        BundleProvenance p = new BundleProvenance(study, embedding, BundleProvenance.AUTO_TRAINED, low + high, ours, bar, barF1,
                now.toString());
        return new Trained(BundleArchive.of(e, p, json(report)), ours, bar, barF1, report);
    }

    private EmbeddingFitter.Options options(EmbeddingType type, RunPartition partition, LossThresholdRule threshold) {
        return new EmbeddingFitter.Options(type, settings.aelle().withSeed(settings.seed()),
                type.isDsae() ? DsaeTrainer.Settings.defaults(type).withSeed(settings.seed()) : null, partition, threshold);
    }

    /** Each predictor's mean F1 over the report's early fractions ({@link Evaluator#PAPER_FRACTIONS}). */
    static Map<String, Double> earlyF1(Report report) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (ReportRow row : report.rows()) {
            for (double f : Evaluator.PAPER_FRACTIONS) {
                if (Math.abs(row.fraction() - f) < 1e-9) {
                    double[] s = sums.computeIfAbsent(row.predictor(), k -> new double[2]);
                    s[0] += Double.isNaN(row.f1()) ? 0 : row.f1();
                    s[1]++;
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    private static byte[] json(Report report) {
        try {
            return ReportWriter.JSON.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
