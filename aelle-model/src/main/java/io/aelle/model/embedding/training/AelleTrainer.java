package io.aelle.model.embedding.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import io.aelle.model.djl.NdArrays;
import io.aelle.model.embedding.MlpEncoder;
import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the AeLLE MLP autoencoder with DJL (PyTorch engine): encoder L → hidden… → latent (tanh, dropout,
 * linear latent), mirrored decoder, linear head on the latent. Loss = mean|x̂ − x| + α·mean|t̂ − t|ⁿ with α
 * from the {@link AlphaSchedule}. Inputs and targets arrive normalised.
 */
public final class AelleTrainer {

    public record Settings(List<Integer> hidden, int latent, double dropout, int power, AlphaSchedule schedule,
                           double learningRate, int batchSize, long seed) {

        public Settings {
            if (latent < 2 || hidden.isEmpty() || dropout < 0 || dropout >= 1 || (power != 1 && power != 2) || batchSize < 1) {
                throw new IllegalArgumentException("AeLLE settings: need latent >= 2, hidden layers, dropout in [0,1), n = 1 or 2, batch >= 1");
            }
            hidden = List.copyOf(hidden);
        }

        public static Settings defaults() {
            return new Settings(List.of(512, 256), 32, 0.1, 1, AlphaSchedule.defaults(), 1e-3, 64, 1L);
        }

        public Settings withSeed(long s) {
            return new Settings(hidden, latent, dropout, power, schedule, learningRate, batchSize, s);
        }

        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hidden", hidden);
            m.put("latent", latent);
            m.put("activation", "tanh");
            m.put("dropout", dropout);
            m.put("loss", "L1 reconstruction + alpha*|T-T_hat|^" + power);
            m.put("power", power);
            m.put("alpha_schedule", schedule.toString());
            m.put("optimizer", "adam");
            m.put("learning_rate", learningRate);
            m.put("batch_size", batchSize);
            m.put("seed", seed);
            return m;
        }
    }

    public record Result(MlpEncoder encoder, LossHistory history) {
    }

    private final Settings settings;

    public AelleTrainer(Settings settings) {
        this.settings = settings;
    }

    public Result train(double[][] x, double[] t, double[][] valX, double[] valT, TrainingListener listener) {
        int length = x[0].length;
        Engine.getInstance().setRandomSeed((int) settings.seed());
        List<Integer> widths = new ArrayList<>(settings.hidden());
        try (DjlParameters p = new DjlParameters(settings.learningRate(), settings.seed())) {
            int in = length;
            for (int i = 0; i < widths.size(); i++) {
                dense(p, "enc" + i, in, widths.get(i));
                in = widths.get(i);
            }
            dense(p, "latent", in, settings.latent());
            in = settings.latent();
            for (int i = widths.size() - 1; i >= 0; i--) {
                dense(p, "dec" + i, in, widths.get(i));
                in = widths.get(i);
            }
            dense(p, "out", in, length);
            dense(p, "head", settings.latent(), 1);

            LossHistory history = p.fit(x, t, valX, valT, settings.schedule().totalEpochs(), settings.batchSize(),
                    (epoch, bx, bt, training) -> loss(p, bx, bt, settings.schedule().alphaAt(epoch), training), listener);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (int i = 0; i < widths.size(); i++) {
                String prefix = String.format(MlpEncoder.HIDDEN, i);
                out.put(prefix + "weight", NdArrays.toTensor(prefix + "weight", p.get("enc" + i + ".w")));
                out.put(prefix + "bias", NdArrays.toTensor(prefix + "bias", p.get("enc" + i + ".b")));
            }
            out.put(MlpEncoder.LATENT + "weight", NdArrays.toTensor(MlpEncoder.LATENT + "weight", p.get("latent.w")));
            out.put(MlpEncoder.LATENT + "bias", NdArrays.toTensor(MlpEncoder.LATENT + "bias", p.get("latent.b")));
            out.put(MlpEncoder.HEAD + "weight", NdArrays.toTensor(MlpEncoder.HEAD + "weight", p.get("head.w")));
            out.put(MlpEncoder.HEAD + "bias", NdArrays.toTensor(MlpEncoder.HEAD + "bias", p.get("head.b")));
            return new Result(MlpEncoder.fromParameters(out), history);
        }
    }

    private static void dense(DjlParameters p, String name, int in, int out) {
        p.gaussian(name + ".w", Math.sqrt(1.0 / in), out, in);   // LeCun-normal: keeps tanh units out of saturation
        p.zeros(name + ".b", out);
    }

    private static NDArray linear(DjlParameters p, String name, NDArray a) {
        return a.matMul(p.get(name + ".w").transpose()).add(p.get(name + ".b"));
    }

    private NDArray hidden(DjlParameters p, String name, NDArray a, boolean training) {
        NDArray h = linear(p, name, a).tanh();
        return settings.dropout() > 0 ? Dropout.dropout(h, (float) settings.dropout(), training).head() : h;
    }

    private NDArray loss(DjlParameters p, NDArray x, NDArray t, double alpha, boolean training) {
        int layers = settings.hidden().size();
        NDArray a = x;
        for (int i = 0; i < layers; i++) {
            a = hidden(p, "enc" + i, a, training);
        }
        NDArray z = linear(p, "latent", a);
        a = z;
        for (int i = layers - 1; i >= 0; i--) {
            a = hidden(p, "dec" + i, a, training);
        }
        NDArray recon = linear(p, "out", a).sub(x).abs().mean();
        NDArray err = linear(p, "head", z).sub(t).abs();
        NDArray pred = settings.power() == 2 ? err.square().mean() : err.mean();
        return recon.add(pred.mul((float) alpha));
    }
}
