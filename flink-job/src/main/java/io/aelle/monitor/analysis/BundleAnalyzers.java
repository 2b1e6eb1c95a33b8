package io.aelle.monitor.analysis;

import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The production analyzer: the configured spectrum engine and one embedding bundle per study, loaded when an
 * operator instance opens. A bundle is a directory ({@code bundle.json} inside) or the name of a bundle shipped
 * on the classpath ({@code bundles/<study>/}).
 */
public final class BundleAnalyzers implements AnalyzerFactory {

    private final String engine;
    private final List<String> bundles;

    public BundleAnalyzers(String engine, List<String> bundles) {
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("at least one embedding bundle is needed");
        }
        this.engine = engine;
        this.bundles = List.copyOf(bundles);
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
        return new LyapunovAnalyzer(SpectrumEngines.open(engine, gpuIndexes, subtaskIndex), models);
    }

    /** Loads a bundle directory, else a shipped bundle of that name. */
    public static Embedding load(String bundle) throws IOException {
        Path dir = Path.of(bundle);
        return Files.isDirectory(dir) ? Embedding.load(dir) : Embedding.loadShipped(bundle);
    }

    /**
     * The raw spectrum prepared as the bundle's training rows were (sorted, interpolated), then projected with
     * the classifier for the checkpoint's training fraction when the bundle has per-fraction classifiers.
     */
    static StudyModel model(Embedding e) {
        return new StudyModel() {
            @Override
            public Projection project(double[] spectrum) {
                return e.projectRaw(spectrum);
            }

            @Override
            public Projection project(double[] spectrum, double fraction) {
                return e.projectRaw(spectrum, fraction);
            }
        };
    }
}
