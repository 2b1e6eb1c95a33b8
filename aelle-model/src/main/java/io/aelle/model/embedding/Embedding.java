package io.aelle.model.embedding;

import io.aelle.model.classify.PlaneClassifier;
import io.aelle.model.lyapunov.SpectrumInterpolator;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.model.pca.Pca;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained embedding bundle ready to serve: spectrum → normalisation → encoder → PCA plane → classifier.
 * Immutable and pure Java, so {@link #project} is deterministic and safe to call from many threads at once.
 */
public final class Embedding {

    /** Largest bundle.json / parameter file read, to bound memory on bad input. */
    static final long MAX_FILE_BYTES = 256L << 20;

    private final BundleManifest manifest;
    private final Encoder encoder;

    public Embedding(BundleManifest manifest, Encoder encoder) {
        if (manifest.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("bundle format version " + manifest.formatVersion()
                    + " is not supported (expected " + BundleManifest.FORMAT_VERSION + ")");
        }
        if (encoder.inputLength() != manifest.spectrum().length() || manifest.normalisation().length() != encoder.inputLength()) {
            throw new IllegalArgumentException("bundle spectrum length " + manifest.spectrum().length()
                    + " does not match its encoder (" + encoder.inputLength() + ") or normalisation (" + manifest.normalisation().length() + ")");
        }
        if (manifest.pca().dimension() != encoder.latentSize() || manifest.pca().components().length != 2) {
            throw new IllegalArgumentException("bundle PCA must have 2 components over the " + encoder.latentSize() + "-dim latent");
        }
        this.manifest = manifest;
        this.encoder = encoder;
    }

    /** Loads a bundle directory holding bundle.json and its parameter file. */
    public static Embedding load(Path bundle) throws IOException {
        Path json = bundle.resolve(BundleManifest.FILE);
        if (!Files.isRegularFile(json)) {
            throw new NoSuchFileException(json.toString(), null, "not a bundle: no " + BundleManifest.FILE);
        }
        BundleManifest m = readManifest(readBounded(Files.newInputStream(json), json.toString()), json.toString());
        Path params = bundle.resolve(m.embedding().parametersFile());
        if (!params.normalize().startsWith(bundle.normalize())) {
            throw new IllegalArgumentException("bundle parameters file escapes the bundle directory: " + m.embedding().parametersFile());
        }
        return of(m, readBounded(Files.newInputStream(params), params.toString()));
    }

    /** Loads a bundle shipped on the classpath under {@code bundles/<study>/}. */
    public static Embedding loadShipped(String study) throws IOException {
        String base = "/bundles/" + study + "/";
        try (InputStream json = Embedding.class.getResourceAsStream(base + BundleManifest.FILE)) {
            if (json == null) {
                throw new NoSuchFileException("classpath:" + base + BundleManifest.FILE, null, "no shipped bundle for study '" + study + "'");
            }
            BundleManifest m = readManifest(readBounded(json, base), base);
            try (InputStream p = Embedding.class.getResourceAsStream(base + m.embedding().parametersFile())) {
                if (p == null) {
                    throw new NoSuchFileException("classpath:" + base + m.embedding().parametersFile());
                }
                return of(m, readBounded(p, base));
            }
        }
    }

    /** The parameter file's bytes, as {@link #save} writes it. */
    public byte[] parametersBytes() {
        return parametersFile().toBytes();
    }

    private SafetensorsFile parametersFile() {
        return new SafetensorsFile(encoder.parameters(), Map.of("aelle.embedding", manifest.embedding().type()));
    }

    static Embedding of(BundleManifest m, byte[] parameters) {
        Map<String, Tensor> p = SafetensorsFile.read(parameters).tensors();
        return new Embedding(m, encoderOf(m, p));
    }

    static Encoder encoderOf(BundleManifest m, Map<String, Tensor> p) {
        EmbeddingType type = EmbeddingType.parse(m.embedding().type());
        if (type == EmbeddingType.AELLE) {
            return MlpEncoder.fromParameters(p);
        }
        Map<String, Object> s = m.embedding().settings();
        DsaeLayout layout = new DsaeLayout(m.spectrum().length(), intSetting(s, "latent"), intSetting(s, "extra"),
                type == EmbeddingType.DSAE_SUPERVISED);
        return DsaeEncoder.fromParameters(layout, intSetting(s, "steps"), p);
    }

    private static int intSetting(Map<String, Object> s, String key) {
        Object v = s == null ? null : s.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("bundle embedding settings lack integer '" + key + "'");
        }
        return n.intValue();
    }

    static BundleManifest readManifest(byte[] bytes, String where) {
        try {
            BundleManifest m = BundleManifest.json().readValue(bytes, BundleManifest.class);
            if (m.spectrum() == null || m.embedding() == null || m.pca() == null || m.classifier() == null
                    || m.normalisation() == null) {
                throw new IllegalArgumentException("bundle " + where + " lacks spectrum, embedding, pca, classifier or normalisation");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("bad bundle.json at " + where + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in, String where) throws IOException {
        try (in) {
            byte[] b = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(where + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return b;
        }
    }

    /** Writes bundle.json and the parameter file into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        parametersFile().write(dir.resolve(manifest.embedding().parametersFile()));
        try {
            BundleManifest.json().writeValue(dir.resolve(BundleManifest.FILE).toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The projection with the bundle's pooled classifier (the checkpoint's training fraction unknown). */
    public Projection project(double[] spectrum) {
        return project(spectrum, Double.NaN);
    }

    /**
     * The projection with the classifier for the checkpoint's training fraction (epoch / total epochs) when the
     * bundle has per-fraction classifiers; NaN, or a bundle without them, uses the pooled classifier.
     */
    public Projection project(double[] spectrum, double fraction) {
        if (spectrum.length != spectrumLength()) {
            throw new IllegalArgumentException("spectrum has " + spectrum.length + " values; bundle for study '"
                    + manifest.study() + "' expects " + spectrumLength() + " (interpolate first)");
        }
        for (double v : spectrum) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("spectrum holds a non-finite value " + v);
            }
        }
        Encoding e = encoder.encode(manifest.normalisation().apply(spectrum));
        double[] pc = manifest.pca().project(e.latent());
        double predicted = manifest.target() == null ? Double.NaN : manifest.target().inverse(e.target());
        return new Projection(pc[0], pc[1], predicted, classifierAt(fraction).lowError(pc));
    }

    /** The classifier used at a training fraction: the per-fraction one nearest to it, else the pooled one. */
    public PlaneClassifier classifierAt(double fraction) {
        List<BundleManifest.FractionClassifier> per = manifest.fractionClassifiers();
        if (per == null || per.isEmpty() || !Double.isFinite(fraction)) {
            return manifest.classifier();
        }
        BundleManifest.FractionClassifier best = per.get(0);
        for (BundleManifest.FractionClassifier c : per) {
            if (Math.abs(c.fraction() - fraction) < Math.abs(best.fraction() - fraction)) {
                best = c;
            }
        }
        return best.classifier();
    }

    /** Whether verdicts depend on the checkpoint's training fraction. */
    public boolean perFraction() {
        return manifest.fractionClassifiers() != null && !manifest.fractionClassifiers().isEmpty();
    }

    /**
     * A raw engine spectrum as the bundle reads it: exponents sorted in descending order (the QR column order is
     * only nearly sorted) and interpolated to {@code length} by {@link SpectrumInterpolator}. The dataset
     * builder and the streaming job both go through here, so training and serving see the same input.
     */
    public static double[] prepare(double[] rawSpectrum, int length) {
        double[] sorted = rawSpectrum.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            double t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        return SpectrumInterpolator.interpolate(sorted, length);
    }

    /** {@link #project} of a raw engine spectrum (any length): {@link #prepare} first. */
    public Projection projectRaw(double[] rawSpectrum) {
        return project(prepare(rawSpectrum, spectrumLength()));
    }

    /** {@link #project(double[], double)} of a raw engine spectrum (any length): {@link #prepare} first. */
    public Projection projectRaw(double[] rawSpectrum, double fraction) {
        return project(prepare(rawSpectrum, spectrumLength()), fraction);
    }

    /** The latent vector of a spectrum (before PCA), for fitting and plotting. */
    public double[] latent(double[] spectrum) {
        return encoder.encode(manifest.normalisation().apply(spectrum)).latent();
    }

    public int spectrumLength() {
        return manifest.spectrum().length();
    }

    public double lossThreshold() {
        return manifest.lossThreshold();
    }

    public String study() {
        return manifest.study();
    }

    public String task() {
        return manifest.task();
    }

    public EmbeddingType type() {
        return EmbeddingType.parse(manifest.embedding().type());
    }

    /** The engine settings the bundle's spectra were computed with (convention, warm-up; other fields default). */
    public SpectrumSettings spectrumSettings() {
        return SpectrumSettings.defaults()
                .withConvention(Convention.parse(manifest.spectrum().convention()))
                .withWarmup(manifest.spectrum().warmup());
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public Encoder encoder() {
        return encoder;
    }

    public Pca pca() {
        return manifest.pca();
    }

    public PlaneClassifier classifier() {
        return manifest.classifier();
    }
}
