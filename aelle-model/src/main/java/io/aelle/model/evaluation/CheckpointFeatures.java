package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import java.util.List;
import java.util.function.Function;

/**
 * The feature vector of one checkpoint for a {@link FeatureSet}, with what it needs learned from the training runs
 * only (loss ranks, hparams encoding) and each run's own previous loss. Blocks are concatenated in the set's order.
 */
public final class CheckpointFeatures implements Function<DatasetRow, double[]> {

    private final FeatureSet set;
    private final PreviousLoss previous;
    private final LossQuantiles quantiles;
    private final HparamsEncoder hparams;
    private final Embedding embedding;

    private CheckpointFeatures(FeatureSet set, PreviousLoss previous, LossQuantiles quantiles, HparamsEncoder hparams, Embedding embedding) {
        this.set = set;
        this.previous = previous;
        this.quantiles = quantiles;
        this.hparams = hparams;
        this.embedding = embedding;
    }

    /**
     * @param train     the training rows (loss ranks and the hparams encoding come from them)
     * @param embedding the plane for the {@code embedding} block; null when the set has none
     */
    public static CheckpointFeatures of(FeatureSet set, List<DatasetRow> train, PreviousLoss previous, Embedding embedding) {
        if (set.has(FeatureSet.Block.EMBEDDING) && embedding == null) {
            throw new IllegalArgumentException("feature set " + set.id() + " needs an embedding (--embedding or --bundle)");
        }
        return new CheckpointFeatures(set, previous, set.has(FeatureSet.Block.LOSS) ? LossQuantiles.of(train) : null,
                set.has(FeatureSet.Block.HPARAMS) ? HparamsEncoder.fit(train.stream().map(DatasetRow::hparams).toList()) : null,
                embedding);
    }

    /** Features with the parts a bundle recorded ({@link FeatureSpec}) and a run's previous losses. */
    public static CheckpointFeatures restore(FeatureSet set, PreviousLoss previous, LossQuantiles quantiles, HparamsEncoder hparams,
                                             Embedding embedding) {
        if (set.has(FeatureSet.Block.LOSS) && quantiles == null || set.has(FeatureSet.Block.HPARAMS) && hparams == null
                || set.has(FeatureSet.Block.EMBEDDING) && embedding == null) {
            throw new IllegalArgumentException("feature set " + set.id() + " lacks a part it reads (loss quantiles, hparams encoder or embedding)");
        }
        return new CheckpointFeatures(set, previous, quantiles, hparams, embedding);
    }

    public FeatureSet set() {
        return set;
    }

    /** The training losses the loss block ranks against; null without a loss block. */
    public LossQuantiles quantiles() {
        return quantiles;
    }

    /** The hparams encoding learned from the training runs; null without an hparams block. */
    public HparamsEncoder hparams() {
        return hparams;
    }

    /** The loss block: current val_loss, its change since the previous checkpoint, its training rank at f, f. */
    static double[] loss(DatasetRow r, double change, LossQuantiles q) {
        return new double[] {r.valLoss(), change, q.rank(r.fractionKey(), r.valLoss()), r.fraction()};
    }

    @Override
    public double[] apply(DatasetRow r) {
        double[][] parts = new double[4][];
        int n = 0;
        if (set.has(FeatureSet.Block.EMBEDDING)) {
            Projection p = embedding.project(r.spectrum(), r.fraction());
            parts[n++] = new double[] {p.pc1(), p.pc2()};
        }
        if (set.has(FeatureSet.Block.SPECTRUM)) {
            parts[n++] = r.spectrum();
        }
        if (set.has(FeatureSet.Block.LOSS)) {
            parts[n++] = loss(r, previous.change(r), quantiles);
        }
        if (set.has(FeatureSet.Block.HPARAMS)) {
            parts[n++] = hparams.encode(r.hparams());
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len += parts[i].length;
        }
        double[] x = new double[len];
        int at = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(parts[i], 0, x, at, parts[i].length);
            at += parts[i].length;
        }
        return x;
    }
}
