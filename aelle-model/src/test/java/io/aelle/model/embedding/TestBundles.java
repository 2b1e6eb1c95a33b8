package io.aelle.model.embedding;

import io.aelle.model.classify.ClassifierChoice;
import io.aelle.model.pca.Pca;
import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small bundles with random weights over synthetic spectra, for tests of everything downstream of training. */
public final class TestBundles {

    private TestBundles() {
    }

    /** Synthetic spectra: low-error runs have a flatter, less negative spectrum. */
    public static double[][] spectra(int n, int length, long seed, boolean[] lowOut) {
        Random r = new Random(seed);
        double[][] x = new double[n][length];
        for (int i = 0; i < n; i++) {
            boolean low = i % 2 == 0;
            lowOut[i] = low;
            for (int k = 0; k < length; k++) {
                double slope = low ? -0.5 : -2.0;
                x[i][k] = slope * k / length + 0.1 * r.nextGaussian();
            }
        }
        return x;
    }

    public static Map<String, Tensor> randomMlp(int length, int[] hidden, int latent, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        int in = length;
        for (int i = 0; i < hidden.length; i++) {
            String prefix = String.format(MlpEncoder.HIDDEN, i);
            p.put(prefix + "weight", gaussian(prefix + "weight", r, hidden[i], in));
            p.put(prefix + "bias", gaussian(prefix + "bias", r, hidden[i]));
            in = hidden[i];
        }
        p.put("latent.weight", gaussian("latent.weight", r, latent, in));
        p.put("latent.bias", gaussian("latent.bias", r, latent));
        p.put("head.weight", gaussian("head.weight", r, 1, latent));
        p.put("head.bias", gaussian("head.bias", r, 1));
        return p;
    }

    private static Tensor gaussian(String name, Random r, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        double scale = 1 / Math.sqrt(shape[shape.length - 1]);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());   // the parameter file stores F32
        }
        return new Tensor(name, shape, v);
    }

    /** An AeLLE bundle with random weights whose PCA and classifier are fitted on synthetic spectra. */
    public static Embedding randomAelle(String study, int length, long seed) {
        Encoder enc = MlpEncoder.fromParameters(randomMlp(length, new int[] {16, 8}, 4, seed));
        return fitted(study, length, enc, EmbeddingType.AELLE, Map.of("hidden", List.of(16, 8), "latent", 4), seed);
    }

    static Embedding fitted(String study, int length, Encoder enc, EmbeddingType type, Map<String, Object> settings, long seed) {
        boolean[] low = new boolean[200];
        double[][] x = spectra(200, length, seed, low);
        Normalisation norm = Normalisation.standardise(x);
        double[][] latents = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            latents[i] = enc.encode(norm.apply(x[i])).latent();
        }
        Pca pca = Pca.fit(latents, 2);
        double[][] plane = pca.projectAll(latents);
        ClassifierChoice choice = ClassifierChoice.choose(plane, low, plane, low);
        BundleManifest m = new BundleManifest(BundleManifest.FORMAT_VERSION, study, "synthetic",
                new BundleManifest.Spectrum(length, "reference", 500), norm, new TargetScale(-1.0, 0.5),
                new BundleManifest.EmbeddingSpec(type.id(), BundleManifest.PARAMETERS_FILE, settings),
                pca, choice.best(), 0.5, "0".repeat(64), BundleValidation.ofF1(choice.validation().f1()));
        return new Embedding(m, enc);
    }
}
