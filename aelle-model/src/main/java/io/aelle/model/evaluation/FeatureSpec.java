package io.aelle.model.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.BundleManifest;
import io.aelle.model.embedding.BundleValidation;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A combined-feature verdict as a bundle records it ({@code bundle.json} {@code features}, written by
 * {@code train --features}): the feature set, what its features learned from the training runs (the losses per
 * fraction that the loss block ranks against, the hparams encoding) and the fitted logistic models. Restored, it gives
 * the verdicts of the {@link FeatureModel} that {@code evaluate --features} fits for the same set on the same runs.
 *
 * @param set           the feature set, e.g. {@code spectrum+loss+hparams}
 * @param lossQuantiles each training fraction's training losses (ascending); null without a loss block
 * @param hparams       the hparams encoding; null without an hparams block
 * @param models        one pooled model (fraction null) or one per training fraction
 * @param validation    the model's figures on the validation runs (checked as the plane's are)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSpec(String set,
                          @JsonProperty("loss_quantiles") List<FractionLosses> lossQuantiles,
                          HparamsEncoder.State hparams,
                          List<FeatureModel.FractionModel> models,
                          BundleValidation validation) {

    /** The training losses at one fraction, ascending. */
    public record FractionLosses(double fraction, double[] losses) {
    }

    /** What a fitted model of {@code set} needs to be written. */
    public static FeatureSpec of(FeatureModel model, BundleValidation validation) {
        if (!(model.features() instanceof CheckpointFeatures f)) {
            throw new IllegalArgumentException("feature model " + model.name() + " does not read a feature set");
        }
        List<FractionLosses> losses = null;
        if (f.quantiles() != null) {
            losses = new ArrayList<>();
            for (var e : f.quantiles().byFraction().entrySet()) {
                losses.add(new FractionLosses(e.getKey(), e.getValue()));
            }
        }
        return new FeatureSpec(f.set().id(), losses, f.hparams() == null ? null : f.hparams().state(), model.fitted(), validation);
    }

    /** The bundle's feature model; null when its verdict is the plane's ({@code --features embedding}). */
    public static FeatureSpec of(Embedding bundle) {
        Map<String, Object> raw = bundle.manifest().features();
        return raw == null ? null : BundleManifest.json().convertValue(raw, FeatureSpec.class);
    }

    /** The feature set a bundle's verdict reads: {@code embedding} (the plane's classifier) unless trained with --features. */
    public static String setOf(Embedding bundle) {
        FeatureSpec f = of(bundle);
        return f == null ? FeatureSet.EMBEDDING.id() : f.set();
    }

    /** This model as {@code bundle.json} holds it ({@link BundleManifest#withFeatures}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toManifest() {
        return BundleManifest.json().convertValue(this, Map.class);
    }

    /**
     * A checkpoint's point and verdict as the streaming job asks for it: the plane's projection of its raw spectrum at
     * its training fraction, the verdict from this model (reading the checkpoint's val_loss and hparams and the run's
     * previous val_loss, exactly as {@code evaluate --features} reads a dataset row).
     */
    public Projection projectCheckpoint(Embedding bundle, double[] rawSpectrum, CheckpointMetadata meta, double previousValLoss) {
        Projection p = bundle.projectRaw(rawSpectrum, meta.fraction());
        DatasetRow row = new DatasetRow(meta.runId(), meta.hparams() == null ? "{}" : meta.hparams(), meta.epoch(),
                meta.totalEpochs(), meta.valLoss().orElse(Double.NaN), Double.NaN, rawSpectrum.length,
                Embedding.prepare(rawSpectrum, bundle.spectrumLength()));
        return new Projection(p.pc1(), p.pc2(), p.predictedFinalLoss(), lowError(row, previousValLoss, bundle));
    }

    public FeatureSet featureSet() {
        return FeatureSet.parse(set);
    }

    /**
     * The verdict for one checkpoint.
     *
     * @param row             the checkpoint as a dataset row (spectrum prepared to the bundle's length, no final loss needed)
     * @param previousValLoss the run's previous checkpoint's val_loss (NaN for its first)
     * @param embedding       the bundle's plane, for an {@code embedding} block
     */
    public boolean lowError(DatasetRow row, double previousValLoss, Embedding embedding) {
        FeatureSet s = featureSet();
        LossQuantiles q = null;
        if (lossQuantiles != null) {
            TreeMap<Double, double[]> m = new TreeMap<>();
            lossQuantiles.forEach(l -> m.put(l.fraction(), l.losses()));
            q = LossQuantiles.restore(m);
        }
        CheckpointFeatures f = CheckpointFeatures.restore(s, PreviousLoss.single(row, previousValLoss), q,
                hparams == null ? null : HparamsEncoder.restore(hparams), embedding);
        return FeatureModel.restore(set, f, models).lowError(row);
    }
}
