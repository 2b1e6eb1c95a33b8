package io.aelle.monitor.ops;

import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.LyapunovAnalyzer;
import io.aelle.monitor.analysis.StudyModel;
import java.util.Arrays;
import java.util.Map;

/**
 * The ops tests' analyzer: the job's own {@link LyapunovAnalyzer} on the CPU spectrum engine, with a plane that
 * needs no trained bundle (pc1 = largest exponent, pc2 = mean; "low error" when the largest is negative).
 * The dashboards only need the job's real metric plumbing.
 */
final class SpectrumPlane {

    private SpectrumPlane() {}

    /** Serialisable: captures only the study name; the analyzer is made inside each operator. */
    static AnalyzerFactory analyzers(String study) {
        return () -> new LyapunovAnalyzer(new CpuSpectrumEngine(1), Map.of(study, plane()));
    }

    private static StudyModel plane() {
        return s -> {
            double max = Arrays.stream(s).max().orElseThrow();
            return new Projection(max, Arrays.stream(s).average().orElseThrow(), Math.exp(max), max < 0);
        };
    }
}
