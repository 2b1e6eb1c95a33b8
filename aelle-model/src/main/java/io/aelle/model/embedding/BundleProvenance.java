package io.aelle.model.embedding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;

/**
 * Where a published bundle came from ({@code provenance.json} inside a {@link BundleArchive}).
 *
 * @param source       {@link #AUTO_TRAINED} (the trainer fitted it on the study's finished runs) or {@link #PUBLISHED}
 *                     (a bundle directory published by hand or with {@code --bundle})
 * @param runs         finished runs the bundle was trained and validated on (0 when unknown)
 * @param validationF1 the bundle's cross-fitted validation F1 (NaN when unknown)
 * @param baseline     the strongest baseline it was compared with (null when none)
 * @param baselineF1   that baseline's F1 on the same held-out runs (NaN when unknown)
 * @param createdAt    ISO-8601 instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleProvenance(String study, String embedding, String source, int runs,
                               @JsonProperty("validation_f1") double validationF1, String baseline,
                               @JsonProperty("baseline_f1") double baselineF1,
                               @JsonProperty("created_at") String createdAt) {

    public static final String FILE = "provenance.json";
    public static final String AUTO_TRAINED = "auto-trained";
    public static final String PUBLISHED = "published";

    /** The provenance of a hand-made bundle: only its study, embedding and publication time are known. */
    public static BundleProvenance published(Embedding e, java.time.Instant at) {
        return new BundleProvenance(e.study(), e.type().id(), PUBLISHED, 0, Double.NaN, null, Double.NaN, at.toString());
    }

    public boolean autoTrained() {
        return AUTO_TRAINED.equals(source);
    }

    public byte[] toJson() {
        try {
            return BundleManifest.json().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BundleProvenance parse(byte[] json) {
        try {
            BundleProvenance p = BundleManifest.json().readValue(json, BundleProvenance.class);
            if (p.study() == null || p.source() == null || p.createdAt() == null || p.runs() < 0) {
                throw new IllegalArgumentException("bundle provenance lacks study, source or created_at, or has negative runs");
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("bad " + FILE + ": " + e.getMessage(), e);
        }
    }
}
