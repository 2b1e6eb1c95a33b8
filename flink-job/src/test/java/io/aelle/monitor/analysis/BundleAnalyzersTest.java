package io.aelle.monitor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Probe;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleAnalyzersTest {

    private static final String BUNDLE = "synthetic-tiny";

    @Test
    void analysisEqualsTheEngineSpectrumProjectedByTheShippedBundle() throws Exception {
        Embedding e = Embedding.loadShipped(BUNDLE);
        Probe probe = SyntheticRuns.probe(e.study(), 0.5, 2, 12, 4, 30, 3);
        Checkpoint c = SyntheticRuns.lstm("r1", e.study(), 2, 10, 8, 4, 1.2, 0.4, 11);
        try (CheckpointAnalyzer a = new BundleAnalyzers(SpectrumEngines.CPU, List.of(BUNDLE)).open();
             CpuSpectrumEngine engine = new CpuSpectrumEngine()) {
            Analysis got = a.analyze(c, probe);
            double[] spectrum = engine.compute(RecurrentNetwork.fromCheckpoint(c), probe.inputs(),
                    SpectrumSettings.defaults().withConvention(Convention.REFERENCE).withWarmup(30)).mean();
            Projection expected = e.projectRaw(spectrum, c.metadata().epoch() / (double) c.metadata().totalEpochs());
            assertEquals(expected.pc1(), got.pc1(), 0.0);
            assertEquals(expected.pc2(), got.pc2(), 0.0);
            assertEquals(expected.likelyLowError(), got.likelyLowError());
            assertEquals(Arrays.stream(spectrum).max().getAsDouble(), got.spectrumMax(), 0.0);
            assertTrue(got.spectrumNanos() > 0);
        }
    }

    @Test
    void otherStudiesGetTheirSpectrumOnlyAndMismatchedInputsAreRejectedWithTheirReason() throws Exception {
        try (CheckpointAnalyzer a = new BundleAnalyzers(SpectrumEngines.CPU, List.of(BUNDLE)).open()) {
            Probe probe = SyntheticRuns.probe("elsewhere", 0.5, 2, 12, 4, 30, 3);
            Analysis other = a.analyze(SyntheticRuns.lstm("r1", "elsewhere", 0, 10, 8, 4, 1, 1, 1), probe);
            assertFalse(other.projected(), "no bundle here for study 'elsewhere': the bundles table may have one");
            assertTrue(other.spectrum().length > 0);
            assertTrue(Double.isNaN(other.pc1()));
            String study = Embedding.loadShipped(BUNDLE).study();
            var wide = assertThrows(RejectedCheckpointException.class,
                    () -> a.analyze(SyntheticRuns.lstm("r1", study, 0, 10, 8, 5, 1, 1, 1), SyntheticRuns.probe(study, 0.5, 2, 12, 4, 30, 3)));
            assertEquals(DeadLetterReason.SHAPE_MISMATCH, wide.reason());
            assertEquals(0.5, a.lossMedianQ("elsewhere"), 0.0, "a study without a bundle: the median");
            assertEquals(io.aelle.model.dataset.LossMedianRule.q(Embedding.loadShipped(BUNDLE).manifest().lowErrorShare()), a.lossMedianQ(study), 0.0, "a study's q is its bundle's");
        }
    }

    @Test
    void theDjlEngineWithoutGpuResourcesRunsOnTheCpuAndAgreesWithTheCpuEngine() throws Exception {
        Embedding e = Embedding.loadShipped(BUNDLE);
        Probe probe = SyntheticRuns.probe(e.study(), 0.5, 2, 12, 4, 30, 3);
        Checkpoint c = SyntheticRuns.lstm("r1", e.study(), 2, 10, 8, 4, 1.2, 0.4, 11);
        BundleAnalyzers factory = new BundleAnalyzers(SpectrumEngines.DJL, List.of(BUNDLE));
        try (CheckpointAnalyzer djl = factory.open(List.of(), 3);
             CheckpointAnalyzer cpu = new BundleAnalyzers(SpectrumEngines.CPU, List.of(BUNDLE)).open()) {
            Analysis onDjl = djl.analyze(c, probe);
            Analysis onCpu = cpu.analyze(c, probe);
            // float32 on the device: agreement to the golden cases' float32 tolerance, not bit-identity.
            assertEquals(onCpu.spectrumMax(), onDjl.spectrumMax(), 1e-3);
            assertEquals(onCpu.pc1(), onDjl.pc1(), 1e-2);
        }
    }

    @Test
    void theModelIsAskedAtTheCheckpointsTrainingFraction() throws Exception {
        double[] seen = {Double.NaN};
        StudyModel model = new StudyModel() {
            @Override
            public Projection project(double[] spectrum) {
                throw new AssertionError("the analyzer knows the fraction and must pass it");
            }

            @Override
            public Projection project(double[] spectrum, double fraction) {
                seen[0] = fraction;
                return new Projection(1, 2, Double.NaN, fraction > 0.5);
            }
        };
        Probe probe = SyntheticRuns.probe("s", 0.5, 2, 12, 4, 30, 3);
        try (CheckpointAnalyzer a = new LyapunovAnalyzer(SpectrumEngines.open(SpectrumEngines.CPU), java.util.Map.of("s", model))) {
            Analysis got = a.analyze(SyntheticRuns.lstm("r1", "s", 3, 4, 8, 4, 1.2, 0.4, 11), probe);
            assertEquals(0.75, seen[0], 0.0);
            assertTrue(got.likelyLowError());
        }
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> SpectrumEngines.open("quantum"));
    }
}
