package io.aelle.model.evaluation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Which features of a checkpoint a predictor reads, written {@code spectrum+loss+hparams}:
 * {@code embedding} (the embedding's plane point; alone: the embeddings' own classifiers, today's behaviour),
 * {@code spectrum} (the interpolated Lyapunov spectrum), {@code loss} (current val_loss, its change since the previous
 * checkpoint, its rank among the training runs' losses at that fraction, and the fraction) and {@code hparams}
 * (the run's hyperparameters, see {@link HparamsEncoder}).
 */
public record FeatureSet(EnumSet<Block> blocks) {

    public enum Block {
        EMBEDDING, SPECTRUM, LOSS, HPARAMS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final FeatureSet EMBEDDING = new FeatureSet(EnumSet.of(Block.EMBEDDING));

    public FeatureSet {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a feature set needs at least one of embedding, spectrum, loss, hparams");
        }
        blocks = EnumSet.copyOf(blocks);
    }

    public static FeatureSet parse(String text) {
        EnumSet<Block> b = EnumSet.noneOf(Block.class);
        for (String part : text.split("\\+")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            Block found = null;
            for (Block x : Block.values()) {
                if (x.id().equals(p)) {
                    found = x;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown feature '" + part.trim() + "' in '" + text
                        + "'; expected embedding, spectrum, loss or hparams joined by +");
            }
            b.add(found);
        }
        return new FeatureSet(b);
    }

    public boolean has(Block b) {
        return blocks.contains(b);
    }

    /** True for {@code embedding} alone: the embeddings' own verdicts, no extra model. */
    public boolean embeddingOnly() {
        return blocks.equals(EnumSet.of(Block.EMBEDDING));
    }

    /** True when a Lyapunov spectrum enters the verdict. */
    public boolean lyapunov() {
        return has(Block.EMBEDDING) || has(Block.SPECTRUM);
    }

    /** The name in reports and bundles: the blocks in a fixed order joined by +. */
    public String id() {
        List<String> n = new ArrayList<>();
        blocks.forEach(x -> n.add(x.id()));
        return String.join("+", n);
    }
}
