package io.aelle.monitor.local;

import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.LyapunovAnalyzer;
import io.aelle.monitor.analysis.StudyModel;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import java.util.Arrays;
import java.util.Map;

/** Small LSTM checkpoints, a probe, and an analyzer whose plane is (largest exponent, mean exponent). */
final class TestRuns {

    static final int HIDDEN = 6;
    static final int INPUTS = 3;

    private TestRuns() {}

    static Probe probe(String study, double lossThreshold) {
        return SyntheticRuns.probe(study, lossThreshold, 2, 10, INPUTS, 20, 7);
    }

    /** An LSTM checkpoint whose weights are scaled by {@code scale} (larger: less contracting dynamics). */
    static Checkpoint checkpoint(String run, String study, int epoch, int totalEpochs, double scale, double valLoss, int inputs) {
        return SyntheticRuns.lstm(run, study, epoch, totalEpochs, HIDDEN, inputs, scale, valLoss, run.hashCode() * 31L + epoch);
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
