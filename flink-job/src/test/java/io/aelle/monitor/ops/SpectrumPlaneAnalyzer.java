package io.aelle.monitor.ops;

import io.aelle.model.checkpoint.Checkpoint;
import io.aelle.model.checkpoint.Probe;
import io.aelle.model.lyapunov.Convention;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumResult;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.monitor.analysis.Analysis;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.CheckpointAnalyzer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The ops tests' analyzer plug-in (the job takes its analyzer as a parameter): the real CPU spectrum engine
 * on the study's probe, and the spectrum's (max, mean) as the plane, flagging runs whose largest exponent is
 * negative. The dashboards only need the job's real metric plumbing, not a trained AeLLE bundle.
 */
final class SpectrumPlaneAnalyzer implements CheckpointAnalyzer {

    static AnalyzerFactory factory() {
        return SpectrumPlaneAnalyzer::new;
    }

    private final CpuSpectrumEngine engine = new CpuSpectrumEngine(1);

    @Override
    public Analysis analyze(Checkpoint checkpoint, Probe probe) {
        SpectrumSettings settings = SpectrumSettings.defaults()
                .withConvention(Convention.valueOf(probe.convention().toUpperCase(Locale.ROOT)))
                .withWarmup(probe.warmup());
        long start = System.nanoTime();
        SpectrumResult spectrum = engine.compute(RecurrentNetwork.fromCheckpoint(checkpoint), probe.inputs(), settings);
        long nanos = System.nanoTime() - start;
        double max = Arrays.stream(spectrum.mean()).max().orElseThrow();
        double mean = Arrays.stream(spectrum.mean()).average().orElseThrow();
        return new Analysis(max, mean, Math.exp(max), max < 0, max, mean, nanos);
    }

    @Override
    public void close() {
        engine.close();
    }
}
