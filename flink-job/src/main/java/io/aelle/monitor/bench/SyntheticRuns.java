package io.aelle.monitor.bench;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Single-layer LSTM checkpoints with seeded Gaussian weights (PyTorch names and shapes) and a matching probe:
 * load for the stream benchmark, whose cost is the spectrum computation, not what the weights learned.
 */
public final class SyntheticRuns {

    private SyntheticRuns() {}

    /** A probe of B sequences of T steps with I features, N(0, 1) inputs. */
    public static Probe probe(String study, double lossThreshold, int sequences, int steps, int inputs, int warmup, long seed) {
        Random r = new Random(seed);
        double[] x = new double[sequences * steps * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Probe(study, "synthetic", lossThreshold, "reference", warmup,
                new Tensor(Probe.INPUTS, new int[] {sequences, steps, inputs}, x));
    }

    /** An LSTM checkpoint whose weights are N(0, scale²/hidden). */
    public static Checkpoint lstm(String run, String study, int epoch, int totalEpochs, int hidden, int inputs, double scale,
                                  double valLoss, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight_ih_l0", gaussian("weight_ih_l0", r, scale / Math.sqrt(hidden), 4 * hidden, inputs));
        t.put("weight_hh_l0", gaussian("weight_hh_l0", r, scale / Math.sqrt(hidden), 4 * hidden, hidden));
        t.put("bias_ih_l0", gaussian("bias_ih_l0", r, 0.1, 4 * hidden));
        t.put("bias_hh_l0", gaussian("bias_hh_l0", r, 0.1, 4 * hidden));
        CheckpointMetadata meta = new CheckpointMetadata(run, study, epoch, totalEpochs, OptionalDouble.of(valLoss),
                OptionalDouble.empty(), "lstm", null, null, Instant.now());
        return new Checkpoint(meta, t);
    }

    private static Tensor gaussian(String name, Random r, double std, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * r.nextGaussian()); // checkpoints store F32
        }
        return new Tensor(name, shape, v);
    }
}
