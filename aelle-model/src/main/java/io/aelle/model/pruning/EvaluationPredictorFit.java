package io.aelle.model.pruning;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.training.DsaeTrainer;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.EmbeddingPredictor;
import io.aelle.model.evaluation.FeatureSet;
import io.aelle.model.evaluation.Predictor;
import io.aelle.model.evaluation.PreviousLoss;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits one of the evaluation's predictors, by its report name, on the runs a search has completed: an embedding
 * ({@code aelle}, {@code dsae}, ...) through {@link EmbeddingFitter}, any of the evaluation's {@link Baselines}
 * (spectrum-pca, spectrum-logistic, loss-threshold, loss-median, loss-fitted, hparams, and whatever it adds later),
 * or a combined feature set without an embedding block ({@code spectrum+loss+hparams}, {@link FeatureSet}).
 * <p>Labels: low error = final loss below the median final loss of the completed runs (so both classes exist whatever
 * the study's threshold); the pruner then stops runs predicted to end worse than the typical completed run. A quarter
 * of the completed runs (by a hash of the run id) is the validation part the classifiers are chosen on.
 */
public final class EvaluationPredictorFit implements PredictorPruner.Fit {

    static final double VALIDATION_SHARE = 0.25;

    private final String predictor;
    private final StudyDataset study;
    private final long seed;

    /**
     * @param study the replayed study: its header (spectrum length, convention), and each run's own earlier
     *              checkpoints for loss changes; never another run's outcome
     * @param seed  training seed of embeddings and the validation hash
     */
    public EvaluationPredictorFit(String predictor, StudyDataset study, long seed) {
        this.predictor = predictor;
        this.study = study;
        this.seed = seed;
    }

    @Override
    public Predictor fit(List<Trial> completed) {
        List<DatasetRow> rows = new ArrayList<>();
        completed.forEach(t -> rows.addAll(t.rows()));
        StudyDataset data = study.withRows(rows);
        double threshold = LossThresholdRule.MEDIAN.resolve(data, RunPartition.ALL_TRAINING);
        StudyDataset labelled = data.withLossThreshold(threshold);
        RunPartition partition = validationQuarter(completed.stream().map(Trial::runId).toList(), seed);
        EmbeddingType type = embeddingType(predictor);
        if (type != null) {
            EmbeddingFitter.Options o = new EmbeddingFitter.Options(type, AelleTrainer.Settings.defaults().withSeed(seed),
                    type.isDsae() ? DsaeTrainer.Settings.defaults(type).withSeed(seed) : null, partition,
                    new LossThresholdRule("fixed", threshold));
            return new EmbeddingPredictor(EmbeddingFitter.fit(labelled, o, (ep, n, tr, va) -> { }).embedding());
        }
        // A run's loss change needs only its own previous checkpoint, which the search has seen by then.
        List<Predictor> plain = Baselines.fit(labelled, partition, featureSet(predictor), null, PreviousLoss.of(study.rows()));
        return plain.stream().filter(p -> p.name().equals(predictor)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown predictor '" + predictor + "'; the evaluation has "
                        + String.join(", ", embeddingIds()) + ", " + String.join(", ", plain.stream().map(Predictor::name).toList())));
    }

    /** The combined feature set {@code name} stands for, as a list (empty when it names no feature set). */
    static List<FeatureSet> featureSet(String name) {
        if (!name.contains("+") && !name.equals("spectrum") && !name.equals("loss")) {
            return List.of();
        }
        FeatureSet set = FeatureSet.parse(name);
        if (set.has(FeatureSet.Block.EMBEDDING)) {
            throw new IllegalArgumentException("feature set '" + name + "': the pruning replay fits no embedding plane for a "
                    + "combined set; use the embedding itself (aelle, dsae, ...) or a set without 'embedding'");
        }
        return List.of(set);
    }

    static EmbeddingType embeddingType(String name) {
        for (EmbeddingType t : EmbeddingType.values()) {
            if (t.id().equals(name)) {
                return t;
            }
        }
        return null;
    }

    static List<String> embeddingIds() {
        return java.util.Arrays.stream(EmbeddingType.values()).map(EmbeddingType::id).toList();
    }

    /** The last quarter of the runs by hash order is validation (at least one run), the rest training. */
    public static RunPartition validationQuarter(List<String> runIds, long seed) {
        List<String> byHash = new ArrayList<>(runIds);
        byHash.sort(Comparator.comparingDouble((String r) -> RunPartition.unit(seed, r)).thenComparing(r -> r));
        int validation = Math.max(1, (int) Math.round(VALIDATION_SHARE * byHash.size()));
        Map<String, RunPartition.Part> parts = new HashMap<>();
        for (int i = 0; i < byHash.size(); i++) {
            parts.put(byHash.get(i), i >= byHash.size() - validation ? RunPartition.Part.VALIDATION : RunPartition.Part.TRAIN);
        }
        return new RunPartition() {
            @Override
            public Part partOf(String runId) {
                return parts.getOrDefault(runId, Part.TEST);
            }

            @Override
            public Map<String, Object> describe() {
                return Map.of("validation_share", VALIDATION_SHARE, "seed", seed);
            }
        };
    }
}
