package io.aelle.model.dataset;

import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Writes a small sweep directory in the producer's layout: tanh-RNN checkpoints whose recurrent gain grows
 * with training for "good" runs and shrinks for "bad" ones (so spectra carry the outcome), outcome files
 * and the study probe. Hidden sizes alternate 4 and 6 so interpolation is exercised.
 */
public final class TinySweep {

    private TinySweep() {
    }

    public static void write(Path dir, String study, int runs, int epochs, long seed) throws IOException {
        Files.createDirectories(dir.resolve("probes"));
        Random r = new Random(seed);
        double[] in = new double[2 * 24];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextGaussian();
        }
        Probe probe = new Probe(study, "tiny", 0.5, "reference", 10, new Tensor(Probe.INPUTS, new int[] {2, 24, 1}, in));
        Files.write(dir.resolve("probes").resolve(study + ".safetensors"), probe.toBytes());
        for (int run = 0; run < runs; run++) {
            String id = String.format(Locale.ROOT, "run%03d", run);
            int n = run % 2 == 0 ? 4 : 6;
            boolean good = r.nextBoolean();
            double finalLoss = good ? 0.2 + 0.2 * r.nextDouble() : 0.7 + 0.5 * r.nextDouble();
            double[] whh0 = gaussian(r, n * n, 1 / Math.sqrt(n));
            double[] wih = gaussian(r, n, 1.0);
            for (int e = 0; e <= epochs; e++) {
                double f = (double) e / epochs;
                double gain = good ? 0.6 + 0.8 * f : 0.6 - 0.4 * f;
                double[] whh = whh0.clone();
                for (int i = 0; i < whh.length; i++) {
                    whh[i] *= gain;
                }
                Map<String, Tensor> t = new LinkedHashMap<>();
                t.put("rnn_layer.weight_ih_l0", new Tensor("rnn_layer.weight_ih_l0", new int[] {n, 1}, wih));
                t.put("rnn_layer.weight_hh_l0", new Tensor("rnn_layer.weight_hh_l0", new int[] {n, n}, whh));
                double val = finalLoss + (1 - f) * 0.6;
                CheckpointMetadata m = new CheckpointMetadata(id, study, e, epochs, OptionalDouble.of(val), OptionalDouble.empty(),
                        "rnn", "rnn_layer.", "{\"hidden\":" + n + "}", null);
                Files.write(dir.resolve(String.format(Locale.ROOT, "%s-e%04d.safetensors", id, e)),
                        new SafetensorsFile(t, m.toMap()).toBytes());
            }
            Files.writeString(dir.resolve(id + ".outcome.json"), String.format(Locale.ROOT,
                    "{\"run_id\":\"%s\",\"study_id\":\"%s\",\"final_val_loss\":%s,\"epochs_completed\":%d,\"status\":\"completed\"}",
                    id, study, finalLoss, epochs));
        }
    }

    private static double[] gaussian(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = std * r.nextGaussian();
        }
        return v;
    }
}
