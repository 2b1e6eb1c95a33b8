package io.aelle.monitor.analysis;

import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.model.dataset.LossMedianRule;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.evaluation.FeatureSpec;
import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.SpectrumBudget;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.wire.checkpoint.Convention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The production analyzer: the configured spectrum engine and, optionally, one embedding bundle per study loaded
 * when an operator instance opens. A bundle is a directory ({@code bundle.json} inside) or the name of a bundle
 * shipped on the classpath ({@code bundles/<study>/}). The monitor's commands pass none: they publish their
 * {@code --bundle}s to the bundles table, which the job follows while it runs ({@code BundleVerdicts}).
 */
public final class BundleAnalyzers implements AnalyzerFactory {

    private final String engine;
    private final List<String> bundles;
    private final Double maxSpectrumGflop;
    private final Double maxSpectrumSeconds;

    /** With the engine's default spectrum limits. */
    public BundleAnalyzers(String engine, List<String> bundles) {
        this(engine, bundles, null, null);
    }

    /**
     * @param maxSpectrumGflop   work limit per checkpoint; null: the engine's default ({@link SpectrumBudget})
     * @param maxSpectrumSeconds time limit per checkpoint; null: the default
     */
    public BundleAnalyzers(String engine, List<String> bundles, Double maxSpectrumGflop, Double maxSpectrumSeconds) {
        this.engine = engine;
        this.bundles = List.copyOf(bundles);
        this.maxSpectrumGflop = maxSpectrumGflop;
        this.maxSpectrumSeconds = maxSpectrumSeconds;
        SpectrumBudget.UNLIMITED.with(maxSpectrumGflop, maxSpectrumSeconds); // a bad limit is an error now
    }

    @Override
    public CheckpointAnalyzer open() throws IOException {
        return open(List.of(), 0);
    }

    @Override
    public CheckpointAnalyzer open(List<String> gpuIndexes, int subtaskIndex) throws IOException {
        Map<String, StudyModel> models = new HashMap<>();
        for (String bundle : bundles) {
            Embedding e = load(bundle);
            if (models.put(e.study(), model(e)) != null) {
                throw new IllegalArgumentException("two bundles for study '" + e.study() + "'");
            }
        }
        SpectrumEngine spectra = SpectrumEngines.open(engine, gpuIndexes, subtaskIndex);
        return new LyapunovAnalyzer(spectra, models, SpectrumBudget.defaultsFor(spectra).with(maxSpectrumGflop, maxSpectrumSeconds));
    }

    /** Loads a bundle directory, else a shipped bundle of that name. */
    public static Embedding load(String bundle) throws IOException {
        Path dir = Path.of(bundle);
        return Files.isDirectory(dir) ? Embedding.load(dir) : Embedding.loadShipped(bundle);
    }

    /**
     * The raw spectrum prepared as the bundle's training rows were (sorted, interpolated), then projected with
     * the classifier for the checkpoint's training fraction when the bundle has per-fraction classifiers; a bundle
     * trained with {@code --features} gives the verdict of its combined-feature model instead.
     */
    public static StudyModel model(Embedding e) {
        FeatureSpec features = FeatureSpec.of(e);
        return new StudyModel() {
            @Override
            public Projection project(double[] spectrum) {
                return e.projectRaw(spectrum);
            }

            @Override
            public Projection project(double[] spectrum, double fraction) {
                return e.projectRaw(spectrum, fraction);
            }

            @Override
            public Projection project(double[] spectrum, CheckpointMetadata meta, double previousValLoss) {
                return features == null ? e.projectRaw(spectrum, meta.fraction())
                        : features.projectCheckpoint(e, spectrum, meta, previousValLoss);
            }

            @Override
            public double lossMedianQ() {
                return LossMedianRule.q(e.manifest().lowErrorShare());
            }

            @Override
            public Convention convention() {
                return Convention.parse(e.manifest().spectrum().convention());
            }
        };
    }
}
