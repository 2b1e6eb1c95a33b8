package io.aelle.model.embedding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aelle.model.classify.PlaneClassifier;
import io.aelle.model.pca.Pca;
import java.util.List;
import java.util.Map;

/**
 * The content of a bundle's {@code bundle.json} (format {@value #FORMAT_VERSION}); see docs/BUNDLE.md.
 *
 * @param fractionClassifiers null, or one classifier per training fraction seen in training (same plane, refitted on
 *                           that fraction's rows); a projection that knows its checkpoint's fraction uses the nearest
 * @param lossThresholdRule  how loss_threshold was chosen: "probe", "median" (of the training runs' final losses) or
 *                           "fixed"; absent in bundles written before the rule was recorded (then: the probe's)
 * @param trainingDataSha256 SHA-256 of the training rows (run ids, epochs, spectra) the bundle was fitted on
 * @param validation         the chosen classifier's validation metrics and every candidate's F1 (checked when read)
 * @param lowErrorShare      the share of the training runs that ended low error: the live loss-median's q; absent in
 *                           bundles written before it was recorded (then q = 0.5, the median)
 * @param features           null (the plane's classifier gives the verdict, {@code --features embedding}), or the
 *                           combined-feature model that gives it instead ({@code train --features}), as
 *                           {@code evaluation.FeatureSpec} reads and writes it (kept as JSON here: the plane does not
 *                           depend on the evaluation package)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
        @JsonProperty("format_version") int formatVersion,
        String study,
        String task,
        Spectrum spectrum,
        Normalisation normalisation,
        TargetScale target,
        EmbeddingSpec embedding,
        Pca pca,
        PlaneClassifier classifier,
        @JsonProperty("fraction_classifiers") List<FractionClassifier> fractionClassifiers,
        @JsonProperty("loss_threshold") double lossThreshold,
        @JsonProperty("loss_threshold_rule") String lossThresholdRule,
        @JsonProperty("training_data_sha256") String trainingDataSha256,
        BundleValidation validation,
        @JsonProperty("low_error_share") Double lowErrorShare,
        Map<String, Object> features) {

    public static final int FORMAT_VERSION = 1;

    /** A manifest without the training runs' low-error share (as bundles written before it was recorded). */
    public BundleManifest(int formatVersion, String study, String task, Spectrum spectrum, Normalisation normalisation,
                          TargetScale target, EmbeddingSpec embedding, Pca pca, PlaneClassifier classifier,
                          List<FractionClassifier> fractionClassifiers, double lossThreshold, String lossThresholdRule,
                          String trainingDataSha256, BundleValidation validation) {
        this(formatVersion, study, task, spectrum, normalisation, target, embedding, pca, classifier, fractionClassifiers,
                lossThreshold, lossThresholdRule, trainingDataSha256, validation, null, null);
    }

    /** This manifest with its verdict given by a combined-feature model (as {@code FeatureSpec} writes it). */
    public BundleManifest withFeatures(Map<String, Object> spec) {
        return new BundleManifest(formatVersion, study, task, spectrum, normalisation, target, embedding, pca, classifier,
                fractionClassifiers, lossThreshold, lossThresholdRule, trainingDataSha256, validation, lowErrorShare, spec);
    }

    /** A manifest whose threshold is the probe's. */
    public BundleManifest(int formatVersion, String study, String task, Spectrum spectrum, Normalisation normalisation,
                          TargetScale target, EmbeddingSpec embedding, Pca pca, PlaneClassifier classifier, double lossThreshold,
                          String trainingDataSha256, BundleValidation validation) {
        this(formatVersion, study, task, spectrum, normalisation, target, embedding, pca, classifier, null, lossThreshold, "probe",
                trainingDataSha256, validation, null, null);
    }

    /** The classifier fitted on the rows at one training fraction (epoch / total epochs). */
    public record FractionClassifier(double fraction, PlaneClassifier classifier) {
    }
    public static final String FILE = "bundle.json";
    public static final String PARAMETERS_FILE = "parameters.safetensors";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The spectrum the bundle reads: length after interpolation and the engine settings that produced it. */
    public record Spectrum(int length, String convention, int warmup) {
    }

    /**
     * @param settings the architecture (hidden sizes, latent, K, extra dims...) and how it was trained
     */
    public record EmbeddingSpec(String type, @JsonProperty("parameters_file") String parametersFile, Map<String, Object> settings) {
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
