package io.aelle.model.embedding.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.aelle.model.djl.NdArrays;
import io.aelle.model.embedding.DsaeEncoder;
import io.aelle.model.embedding.DsaeLayout;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains a DSAE with DJL: one square map f(s) = tanh(A·s + b) over s = [x; h; j; y], K steps to encode from
 * [x; 0; 0; y0], zero all but h, K steps to decode. Loss = ½·MSE(x̂, x) (+ λ·MSE(ŷ, t) when supervised).
 * Sparse: A = U ⊙ Ω + W0 with Ω from {@link SparseMask} and W0 a fixed random matrix on Ω's zeros.
 */
public final class DsaeTrainer {

    /**
     * @param density Bernoulli keep-probability of Ω on the x/h blocks; 1 means a dense A
     * @param steps   K, the number of map applications for encoding (and again for decoding)
     * @param lambda  weight of the prediction loss (supervised only)
     */
    public record Settings(int latent, int extra, boolean supervised, double density, int steps, double lambda,
                           double learningRate, int epochs, int batchSize, long seed) {

        public Settings {
            if (latent < 2 || extra < 0 || steps < 1 || epochs < 1 || batchSize < 1 || !(density > 0 && density <= 1)) {
                throw new IllegalArgumentException("DSAE settings: need latent >= 2, extra >= 0, K >= 1, epochs >= 1, density in (0,1]");
            }
        }

        /**
         * Defaults per variant. K = 2: plain DSAE, 60 epochs on 52 runs of the SMNIST demo study, validation
         * reconstruction loss K=1 0.00219, K=2 0.00138, K=3 0.00140, K=4 0.00160 (validation F1 0.71/0.70/0.67/0.68,
         * within noise); the cheapest of the two best.
         */
        public static Settings defaults(EmbeddingType type) {
            return switch (type) {
                case DSAE -> new Settings(16, 0, false, 1.0, 2, 0, 2e-3, 120, 64, 1L);
                case DSAE_SPARSE -> new Settings(16, 16, false, 0.1, 2, 0, 2e-3, 120, 64, 1L);
                case DSAE_SUPERVISED -> new Settings(16, 0, true, 1.0, 2, 1.0, 2e-3, 120, 64, 1L);
                case AELLE -> throw new IllegalArgumentException("aelle is not a DSAE variant");
            };
        }

        public Settings withEpochs(int e) {
            return new Settings(latent, extra, supervised, density, steps, lambda, learningRate, e, batchSize, seed);
        }

        public Settings withSteps(int k) {
            return new Settings(latent, extra, supervised, density, k, lambda, learningRate, epochs, batchSize, seed);
        }

        public Settings withLatent(int h) {
            return new Settings(h, extra, supervised, density, steps, lambda, learningRate, epochs, batchSize, seed);
        }

        public Settings withExtra(int j) {
            return new Settings(latent, j, supervised, density, steps, lambda, learningRate, epochs, batchSize, seed);
        }

        public Settings withSeed(long s) {
            return new Settings(latent, extra, supervised, density, steps, lambda, learningRate, epochs, batchSize, s);
        }

        public DsaeLayout layout(int input) {
            return new DsaeLayout(input, latent, extra, supervised);
        }

        public Map<String, Object> describe(int input) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("latent", latent);
            m.put("extra", extra);
            m.put("supervised", supervised);
            m.put("steps", steps);
            m.put("activation", "tanh");
            m.put("density", density);
            m.put("lambda", lambda);
            m.put("loss", supervised ? "0.5*MSE + lambda*MSE(y)" : "0.5*MSE");
            m.put("optimizer", "adam");
            m.put("learning_rate", learningRate);
            m.put("epochs", epochs);
            m.put("batch_size", batchSize);
            m.put("seed", seed);
            DsaeLayout l = layout(input);
            m.put("parameter_count", density < 1
                    ? SparseMask.parameterCount(SparseMask.draw(l, density, seed), l)
                    : l.size() * l.size() + l.size());
            return m;
        }
    }

    public record Result(DsaeEncoder encoder, LossHistory history) {
    }

    private final Settings settings;

    public DsaeTrainer(Settings settings) {
        this.settings = settings;
    }

    /** x: spectra normalised into tanh's range; t: targets (ignored unless supervised), same scale. */
    public Result train(double[][] x, double[] t, double[][] valX, double[] valT, TrainingListener listener) {
        DsaeLayout layout = settings.layout(x[0].length);
        int n = layout.size();
        Engine.getInstance().setRandomSeed((int) settings.seed());
        try (DjlParameters p = new DjlParameters(settings.learningRate(), settings.seed())) {
            NDManager m = p.manager();
            double std = 1 / Math.sqrt(n);
            SparsePart sparse = settings.density() < 1 ? sparsePart(m, layout, n, std) : null;
            p.gaussian("A", std, n, n);
            p.zeros("b", n);
            float[] keep = new float[n];
            for (int i = 0; i < layout.latent(); i++) {
                keep[layout.latentOffset() + i] = 1;
            }
            NDArray latentMask = m.create(keep, new Shape(1, n));
            double[] vt = valT == null && valX != null ? new double[valX.length] : valT;
            LossHistory history = p.fit(x, t == null ? new double[x.length] : t, valX, vt, settings.epochs(), settings.batchSize(),
                    (epoch, bx, bt, training) -> loss(p, layout, sparse, latentMask, bx, bt), listener);
            Tensor a = NdArrays.toTensor(DsaeEncoder.MAP + "weight", effective(p, sparse));
            Tensor b = NdArrays.toTensor(DsaeEncoder.MAP + "bias", p.get("b"));
            return new Result(new DsaeEncoder(layout, a.data(), b.data(), settings.steps()), history);
        }
    }

    /** The fixed parts of a sparse map A = U ⊙ Ω + W0: the mask Ω and the untrained W0 where Ω is 0. */
    private record SparsePart(NDArray mask, NDArray fixed) {
    }

    private SparsePart sparsePart(NDManager m, DsaeLayout layout, int n, double std) {
        boolean[] omega = SparseMask.draw(layout, settings.density(), settings.seed());
        float[] mf = new float[n * n];
        float[] w0 = new float[n * n];
        Random r = new Random(settings.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < mf.length; i++) {
            mf[i] = omega[i] ? 1 : 0;
            w0[i] = omega[i] ? 0 : (float) (0.5 * std * r.nextGaussian());
        }
        return new SparsePart(m.create(mf, new Shape(n, n)), m.create(w0, new Shape(n, n)));
    }

    /** A, or U ⊙ Ω + W0 for a sparse map (null sparse part = dense). */
    private static NDArray effective(DjlParameters p, SparsePart sparse) {
        return sparse == null ? p.get("A") : p.get("A").mul(sparse.mask()).add(sparse.fixed());
    }

    private NDArray loss(DjlParameters p, DsaeLayout layout, SparsePart sparse, NDArray latentMask,
                         NDArray x, NDArray t) {
        NDManager m = x.getManager();
        long batch = x.getShape().get(0);
        NDArray a = effective(p, sparse).transpose();
        NDArray b = p.get("b");
        NDArray s = x.concat(m.zeros(new Shape(batch, layout.latent() + layout.extra())), 1);
        if (layout.supervised()) {
            s = s.concat(m.full(new Shape(batch, 1), (float) DsaeLayout.Y0), 1);
        }
        for (int k = 0; k < settings.steps(); k++) {
            s = s.matMul(a).add(b).tanh();
        }
        s = s.mul(latentMask);
        for (int k = 0; k < settings.steps(); k++) {
            s = s.matMul(a).add(b).tanh();
        }
        NDArray recon = s.get(":, 0:" + layout.input()).sub(x).square().mean().mul(0.5f);
        if (!layout.supervised()) {
            return recon;
        }
        int y = layout.targetIndex();
        NDArray pred = s.get(":, " + y + ":" + (y + 1)).sub(t).square().mean();
        return recon.add(pred.mul((float) settings.lambda()));
    }
}
