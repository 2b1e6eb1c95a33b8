package io.aelle.model.evaluation;

import io.aelle.model.dataset.CrossValidationFolds;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Table 1 under k-fold cross-validation over runs: in each fold every embedding and the plain predictors are fitted
 * on that fold's training runs (classifiers chosen on its validation runs) and judge only its held-out runs, so the
 * report scores every run of the study once. With 27 test runs a single split cannot tell two predictors apart;
 * with all runs scored, the paired intervals can.
 *
 * <p>The low-error threshold is resolved once over all runs (for {@code median}, the median final loss of the study):
 * it defines the classes for the whole study, and labels must not change from fold to fold for the pooled counts to
 * mean anything. It uses outcomes only, never a model's view of the held-out runs.
 */
public final class CrossValidator {

    /** Told when a fold's step starts. */
    public interface Progress {
        void step(int done, int total, String what);
    }

    /** The report, and fold 0's embeddings with its partition (for the plane charts). */
    public record Result(Report report, List<Embedding> firstFoldEmbeddings, RunPartition firstFold) {
    }

    private final int folds;
    private final long foldSeed;
    private final Evaluator evaluator;

    public CrossValidator(int folds, long foldSeed, int bootstrap, long bootstrapSeed, double[] asOf) {
        this.folds = folds;
        this.foldSeed = foldSeed;
        this.evaluator = new Evaluator(RunPartition.ALL_TRAINING, bootstrap, bootstrapSeed, asOf);
    }

    /**
     * @param options the fit options of each embedding type for a fold (its partition and the resolved threshold given)
     */
    public Result evaluate(StudyDataset data, LossThresholdRule rule, List<EmbeddingType> types,
                           Function<FoldSetup, EmbeddingFitter.Options> options, Progress progress) {
        return evaluate(data, rule, types, List.of(), options, progress);
    }

    /**
     * @param sets combined feature sets fitted in every fold beside the baselines; a set with an {@code embedding}
     *             block reads the plane of the fold's first embedding type
     */
    public Result evaluate(StudyDataset data, LossThresholdRule rule, List<EmbeddingType> types, List<FeatureSet> sets,
                           Function<FoldSetup, EmbeddingFitter.Options> options, Progress progress) {
        if (types.isEmpty() && sets.stream().anyMatch(s -> s.has(FeatureSet.Block.EMBEDDING) && !s.embeddingOnly())) {
            throw new IllegalArgumentException("a feature set with an embedding block needs --embedding");
        }
        StudyDataset labelled = data.withLossThreshold(rule.resolve(data, RunPartition.ALL_TRAINING));
        List<CrossValidationFolds.Fold> parts = CrossValidationFolds.of(labelled, folds, foldSeed);
        int total = folds * (types.size() + 1), done = 0;
        TestVerdicts verdicts = new TestVerdicts();
        List<Embedding> first = List.of();
        long train = 0, validation = 0;
        for (CrossValidationFolds.Fold fold : parts) {
            List<Predictor> predictors = new ArrayList<>();
            List<Embedding> fitted = new ArrayList<>();
            for (EmbeddingType t : types) {
                progress.step(done++, total, "fold " + (fold.index() + 1) + "/" + folds + ": " + t.id());
                Embedding e = EmbeddingFitter.fit(labelled, options.apply(new FoldSetup(t, fold,
                        new LossThresholdRule("fixed", labelled.header().lossThreshold()))), (ep, n, tr, va) -> { }).embedding();
                fitted.add(e);
                predictors.add(new EmbeddingPredictor(e));
            }
            progress.step(done++, total, "fold " + (fold.index() + 1) + "/" + folds + ": baselines and feature sets");
            predictors.addAll(Baselines.fit(labelled, fold, sets, fitted.isEmpty() ? null : fitted.get(0)));
            verdicts.add(scored(fold.rows(labelled.rows(), RunPartition.Part.TEST)), predictors);
            if (fold.index() == 0) {
                first = fitted;
            }
            train += fold.runs(labelled.runIds(), RunPartition.Part.TRAIN);
            validation += fold.runs(labelled.runIds(), RunPartition.Part.VALIDATION);
        }
        progress.step(total, total, "scoring");
        Map<String, Long> runs = new LinkedHashMap<>();
        runs.put("train", Math.round((double) train / folds));
        runs.put("validation", Math.round((double) validation / folds));
        runs.put("test", verdicts.rows().stream().map(DatasetRow::runId).distinct().count());
        runs.put("folds", (long) folds);
        Report report = evaluator.score(labelled, runs, verdicts).withRule(rule.describe())
                .withUnavailable(Baselines.unavailable(labelled, sets));
        return new Result(report, first, parts.get(0));
    }

    /** The rows a test scores: every run with a truth, failed runs (final loss +Infinity, high error) included. */
    public static List<DatasetRow> scored(List<DatasetRow> rows) {
        return rows.stream().filter(DatasetRow::scored).toList();
    }

    /** What an options factory gets for one fit. */
    public record FoldSetup(EmbeddingType type, RunPartition partition, LossThresholdRule threshold) {
    }
}
