package io.aelle.monitor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumBudget;
import io.aelle.model.lyapunov.SpectrumDeadline;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.model.lyapunov.SpectrumResult;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LyapunovAnalyzerTest {

    private static final Probe PROBE = SyntheticRuns.probe("s", 0.5, 2, 12, 4, 30, 3);
    private static final StudyModel MODEL = s -> new Projection(s[0], 0, Double.NaN, true);

    /** The CPU engine, counting the computations it is asked for. */
    private static final class CountingEngine implements SpectrumEngine {
        final CpuSpectrumEngine cpu = new CpuSpectrumEngine();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings, SpectrumDeadline deadline) {
            calls.incrementAndGet();
            return cpu.compute(network, inputs, settings, deadline);
        }
    }

    @Test
    void aCheckpointOverTheWorkLimitIsRejectedWithoutComputingAndTheNextIsAnalysed() {
        CountingEngine engine = new CountingEngine();
        // N = 40, B = 2, 12 + 12 steps: 2·24·(2·40³ + 8/3·40³ + forward) ≈ 14.5 MFLOP; N = 8: ≈ 0.13 MFLOP.
        try (LyapunovAnalyzer a = new LyapunovAnalyzer(engine, Map.of("s", MODEL), new SpectrumBudget(0.005, 60))) {
            RejectedCheckpointException e = assertThrows(RejectedCheckpointException.class,
                    () -> a.analyze(SyntheticRuns.lstm("big", "s", 1, 4, 40, 4, 1.0, 0.4, 1), PROBE));
            assertEquals(DeadLetterReason.TOO_COSTLY, e.reason());
            assertTrue(e.getMessage().matches("estimated 0\\.01\\d+ GFLOP \\(lstm N=40 .*\\) is over the limit of 0\\.00500 GFLOP.*"), e.getMessage());
            assertEquals(0, engine.calls.get(), "refused before any compute");
            a.analyze(SyntheticRuns.lstm("small", "s", 1, 4, 8, 4, 1.0, 0.4, 2), PROBE);
            assertEquals(1, engine.calls.get());
        }
    }

    @Test
    void aProbeOfAnotherConventionThanTheBundlesIsRejectedAndTheBundlesOwnIsAnalysed() {
        StudyModel benettin = new StudyModel() {
            @Override
            public Projection project(double[] spectrum) {
                return MODEL.project(spectrum);
            }

            @Override
            public Convention convention() {
                return Convention.BENETTIN;
            }
        };
        CountingEngine engine = new CountingEngine();
        try (LyapunovAnalyzer a = new LyapunovAnalyzer(engine, Map.of("s", benettin))) {
            RejectedCheckpointException e = assertThrows(RejectedCheckpointException.class,
                    () -> a.analyze(SyntheticRuns.lstm("r", "s", 1, 4, 8, 4, 1.0, 0.4, 1), PROBE)); // PROBE: reference
            assertEquals(DeadLetterReason.SPECTRUM_SETTINGS_MISMATCH, e.reason());
            assertTrue(e.getMessage().contains("benettin convention") && e.getMessage().contains("asks for reference"), e.getMessage());
            assertEquals(0, engine.calls.get(), "refused before any compute");
            Probe own = new Probe(PROBE.studyId(), PROBE.task(), PROBE.lossThreshold(), "benettin", PROBE.warmup(), PROBE.inputs());
            a.analyze(SyntheticRuns.lstm("r", "s", 1, 4, 8, 4, 1.0, 0.4, 1), own);
            assertEquals(1, engine.calls.get());
        }
    }

    @Test
    void aSpectrumPastItsTimeLimitIsRejectedAsATimeout() {
        // 1 ns: the first check between QR blocks is past it.
        try (LyapunovAnalyzer a = new LyapunovAnalyzer(new CpuSpectrumEngine(), Map.of("s", MODEL), new SpectrumBudget(1e6, 1e-9))) {
            RejectedCheckpointException e = assertThrows(RejectedCheckpointException.class,
                    () -> a.analyze(SyntheticRuns.lstm("slow", "s", 1, 4, 8, 4, 1.0, 0.4, 1), PROBE));
            assertEquals(DeadLetterReason.SPECTRUM_TIMEOUT, e.reason());
            assertTrue(e.getMessage().contains("time limit"), e.getMessage());
        }
    }
}
