package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predictors a report has besides the embeddings, fitted on one partition's training runs (cuts on its
 * validation runs): the plain spectrum predictors, the baselines a hyperparameter search already has
 * ({@value LossThresholdBaseline#NAME}, {@value LossMedianBaseline#NAME}, {@value #LOSS_FITTED}, {@value #HPARAMS})
 * and one {@link FeatureModel} per requested combined {@link FeatureSet}.
 */
public final class Baselines {

    /** L2 logistic regression on (current val_loss, its change since the previous checkpoint, fraction), pooled. */
    public static final String LOSS_FITTED = "loss-fitted";
    /** L2 logistic regression on the run's hyperparameters: the same verdict at every fraction. */
    public static final String HPARAMS = "hparams";
    /** Baselines that read no spectrum: what a search has without the monitor. */
    public static final List<String> REFERENCES = List.of(HPARAMS, LossMedianBaseline.NAME, LOSS_FITTED, LossThresholdBaseline.NAME);

    private Baselines() {
    }

    /**
     * The baselines and feature sets this study cannot have, each with the reason (decided from the runs' recorded
     * val_loss and hparams, never from outcomes, so every fold has the same predictors).
     */
    public static Map<String, String> unavailable(StudyDataset data, List<FeatureSet> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        List<DatasetRow> rows = EmbeddingFitter.usable(data.rows());
        boolean loss = !rows.isEmpty() && rows.stream().allMatch(r -> Double.isFinite(r.valLoss()));
        boolean hparams = HparamsEncoder.fit(rows.stream().map(DatasetRow::hparams).toList()).size() > 0;
        if (!loss) {
            out.put(LossMedianBaseline.NAME, "some checkpoints carry no aelle.val_loss");
            out.put(LOSS_FITTED, "some checkpoints carry no aelle.val_loss");
        }
        if (!hparams) {
            out.put(HPARAMS, "the runs carry no aelle.hparams");
        }
        for (FeatureSet s : sets) {
            if (s.has(FeatureSet.Block.LOSS) && !loss) {
                out.put(s.id(), "some checkpoints carry no aelle.val_loss");
            } else if (s.has(FeatureSet.Block.HPARAMS) && !hparams) {
                out.put(s.id(), "the runs carry no aelle.hparams");
            }
        }
        return out;
    }

    /**
     * @param sets      combined feature sets to fit besides the baselines ({@code embedding} alone is skipped: the
     *                  embeddings are their own predictors)
     * @param embedding the plane of sets with an {@code embedding} block (null when none has one)
     */
    public static List<Predictor> fit(StudyDataset data, RunPartition partition, List<FeatureSet> sets, Embedding embedding) {
        return fit(data, partition, sets, embedding, PreviousLoss.of(data.rows()));
    }

    /**
     * As {@link #fit(StudyDataset, RunPartition, List, Embedding)}, with the loss changes indexed over {@code previous}'s
     * rows: a search replay predicts checkpoints of runs that are not in {@code data} (still training), whose changes
     * come from their own earlier checkpoints.
     */
    public static List<Predictor> fit(StudyDataset data, RunPartition partition, List<FeatureSet> sets, Embedding embedding,
                                      PreviousLoss previous) {
        double threshold = data.header().lossThreshold();
        List<DatasetRow> train = EmbeddingFitter.usable(partition.rows(data.rows(), RunPartition.Part.TRAIN));
        List<DatasetRow> val = EmbeddingFitter.usable(partition.rows(data.rows(), RunPartition.Part.VALIDATION));
        Map<String, String> missing = unavailable(data, sets);
        List<Predictor> out = new ArrayList<>(List.of(SpectrumPcaPredictor.fit(train, val, threshold),
                SpectrumLogisticPredictor.fit(train, val, threshold), new LossThresholdBaseline(threshold)));
        if (!missing.containsKey(LossMedianBaseline.NAME)) {
            out.add(LossMedianBaseline.fit(train, threshold));
            out.add(FeatureModel.pooled(LOSS_FITTED, r -> new double[] {r.valLoss(), previous.change(r), r.fraction()},
                    train, val, threshold));
        }
        if (!missing.containsKey(HPARAMS)) {
            HparamsEncoder enc = HparamsEncoder.fit(train.stream().map(DatasetRow::hparams).toList());
            out.add(FeatureModel.pooled(HPARAMS, r -> enc.encode(r.hparams()), firstPerRun(train), firstPerRun(val), threshold));
        }
        for (FeatureSet s : sets) {
            if (!s.embeddingOnly() && !missing.containsKey(s.id())) {
                out.add(featureModel(s, train, val, previous, embedding, threshold));
            }
        }
        return out;
    }

    /**
     * The model of one combined feature set, as {@code evaluate --features} and {@code train --features} fit it: logistic
     * regression on {@link CheckpointFeatures} of the training rows, pooled or per fraction as the validation runs decide.
     */
    public static FeatureModel featureModel(FeatureSet set, List<DatasetRow> train, List<DatasetRow> val, PreviousLoss previous,
                                            Embedding embedding, double threshold) {
        return FeatureModel.choose(set.id(), CheckpointFeatures.of(set, train, previous, embedding), train, val, threshold);
    }

    /** One row per run (its earliest): the hyperparameters do not change during training. */
    static List<DatasetRow> firstPerRun(List<DatasetRow> rows) {
        Map<String, DatasetRow> first = new LinkedHashMap<>();
        for (DatasetRow r : rows) {
            first.merge(r.runId(), r, (a, b) -> a.epoch() <= b.epoch() ? a : b);
        }
        return new ArrayList<>(first.values());
    }
}
