package io.aelle.monitor.local;

import io.aelle.model.checkpoint.Checkpoint;
import io.aelle.model.checkpoint.CheckpointMetadata;
import io.aelle.model.checkpoint.Probe;
import io.aelle.model.checkpoint.Tensor;
import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.LyapunovAnalyzer;
import io.aelle.monitor.analysis.StudyModel;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/** Small real LSTM checkpoints, a probe, and an analyzer whose plane is (largest exponent, mean exponent). */
final class TestRuns {

    static final int HIDDEN = 6;
    static final int INPUTS = 3;

    private TestRuns() {}

    static Probe probe(String study, double lossThreshold) {
        Random r = new Random(7);
        int b = 2, t = 10;
        double[] x = new double[b * t * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Probe(study, "test", lossThreshold, "reference", 20, new Tensor(Probe.INPUTS, new int[] {b, t, INPUTS}, x));
    }

    /** An LSTM checkpoint whose weights are scaled by {@code scale} (larger: less contracting dynamics). */
    static Checkpoint checkpoint(String run, String study, int epoch, int totalEpochs, double scale, double valLoss, int inputs) {
        Random r = new Random(run.hashCode() * 31L + epoch);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight_ih_l0", gaussian("weight_ih_l0", r, scale, 4 * HIDDEN, inputs));
        t.put("weight_hh_l0", gaussian("weight_hh_l0", r, scale, 4 * HIDDEN, HIDDEN));
        t.put("bias_ih_l0", gaussian("bias_ih_l0", r, 0.1, 4 * HIDDEN));
        t.put("bias_hh_l0", gaussian("bias_hh_l0", r, 0.1, 4 * HIDDEN));
        CheckpointMetadata meta = new CheckpointMetadata(run, study, epoch, totalEpochs, OptionalDouble.of(valLoss),
                OptionalDouble.empty(), "lstm", null, null, Instant.parse("2026-01-01T00:00:00Z"));
        return new Checkpoint(meta, t);
    }

    private static Tensor gaussian(String name, Random r, double scale, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian() / Math.sqrt(HIDDEN));
        }
        return new Tensor(name, shape, v);
    }

    /** The plane used by these tests: pc1 the largest exponent, pc2 the mean; "low error" when pc1 > cutoff. */
    static StudyModel plane(double cutoff) {
        return s -> {
            double max = Arrays.stream(s).max().orElseThrow();
            return new Projection(max, Arrays.stream(s).average().orElseThrow(), -max, max > cutoff);
        };
    }

    static AnalyzerFactory analyzers(String study, double cutoff) {
        return () -> new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of(study, plane(cutoff)));
    }
}
