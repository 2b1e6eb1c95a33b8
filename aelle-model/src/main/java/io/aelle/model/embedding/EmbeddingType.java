package io.aelle.model.embedding;

import java.util.Locale;

/** The embeddings a bundle can hold; {@link #id()} is the name used by the CLI, bundle.json and report.json. */
public enum EmbeddingType {
    AELLE, DSAE, DSAE_SPARSE, DSAE_SUPERVISED;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isDsae() {
        return this != AELLE;
    }

    public static EmbeddingType parse(String text) {
        for (EmbeddingType t : values()) {
            if (t.id().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown embedding '" + text + "'; expected aelle, dsae, dsae-sparse or dsae-supervised");
    }
}
