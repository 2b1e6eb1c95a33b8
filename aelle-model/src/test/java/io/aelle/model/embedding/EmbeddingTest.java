package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.classify.Pc1Threshold;
import io.aelle.model.classify.PlaneClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingTest {

    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesIdenticalProjections() throws Exception {
        Embedding original = TestBundles.randomAelle("toy", 12, 7);
        original.save(dir);
        assertTrue(Files.isRegularFile(dir.resolve("bundle.json")));
        Embedding loaded = Embedding.load(dir);
        boolean[] low = new boolean[30];
        double[][] x = TestBundles.spectra(30, 12, 99, low);
        int lowVerdicts = 0;
        for (double[] s : x) {
            Projection a = original.project(s);
            Projection b = loaded.project(s);
            assertEquals(a, b);
            lowVerdicts += a.likelyLowError() ? 1 : 0;
        }
        assertTrue(lowVerdicts > 0 && lowVerdicts < x.length, "the classifier separates the synthetic classes");
        assertEquals(12, loaded.spectrumLength());
        assertEquals(0.5, loaded.lossThreshold());
        assertEquals("toy", loaded.study());
        assertEquals(500, loaded.spectrumSettings().warmup());
    }

    @Test
    void perFractionClassifiersAreChosenByTheNearestFractionAndSurviveSaveAndLoad() throws Exception {
        Embedding base = TestBundles.randomAelle("toy", 12, 7);
        BundleManifest m = base.manifest();
        // Everything is low error at fraction 0, nothing at fraction 1 (PC1 thresholds at +/- infinity-like values).
        PlaneClassifier allLow = new Pc1Threshold(1e300, true);
        PlaneClassifier noneLow = new Pc1Threshold(-1e300, true);
        BundleManifest per = new BundleManifest(m.formatVersion(), m.study(), m.task(), m.spectrum(), m.normalisation(), m.target(),
                m.embedding(), m.pca(), m.classifier(),
                List.of(new BundleManifest.FractionClassifier(0.0, allLow), new BundleManifest.FractionClassifier(1.0, noneLow)),
                m.lossThreshold(), "median", m.trainingDataSha256(), m.validation());
        new Embedding(per, base.encoder()).save(dir);
        Embedding loaded = Embedding.load(dir);
        assertTrue(loaded.perFraction());
        assertEquals("median", loaded.manifest().lossThresholdRule());
        boolean[] low = new boolean[20];
        for (double[] s : TestBundles.spectra(20, 12, 5, low)) {
            Projection pooled = loaded.project(s);
            assertEquals(base.project(s), pooled, "no fraction: the pooled classifier");
            assertEquals(pooled, loaded.project(s, Double.NaN));
            assertTrue(loaded.project(s, 0.3).likelyLowError(), "0.3 is nearest to the fraction-0 classifier");
            assertFalse(loaded.project(s, 0.7).likelyLowError(), "0.7 is nearest to the fraction-1 classifier");
            assertEquals(pooled.pc1(), loaded.project(s, 0.7).pc1(), 0.0);
        }
        double[] raw = TestBundles.spectra(1, 12, 5, new boolean[1])[0];
        assertEquals(loaded.project(Embedding.prepare(raw, 12), 1.0), loaded.projectRaw(raw, 1.0));
        assertFalse(base.perFraction());
        assertEquals("probe", base.manifest().lossThresholdRule());
    }

    @Test
    void projectionIsDeterministicAcrossThreads() throws Exception {
        Embedding e = TestBundles.randomAelle("toy", 10, 3);
        boolean[] low = new boolean[50];
        double[][] x = TestBundles.spectra(50, 10, 5, low);
        List<Projection> expected = new ArrayList<>();
        for (double[] s : x) {
            expected.add(e.project(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Projection>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<Projection> out = new ArrayList<>();
                    for (int rep = 0; rep < 20; rep++) {
                        out.clear();
                        for (double[] s : x) {
                            out.add(e.project(s));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<Projection>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongLengthOrNonFiniteSpectrumIsAClearError() {
        Embedding e = TestBundles.randomAelle("toy", 10, 3);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.project(new double[9]));
        assertTrue(ex.getMessage().contains("expects 10"), ex.getMessage());
        double[] bad = new double[10];
        bad[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> e.project(bad));
    }

    @Test
    void missingOrCorruptBundleIsAClearError() throws Exception {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Embedding.load(dir));
        Files.writeString(dir.resolve("bundle.json"), "{not json");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Embedding.load(dir));
        assertTrue(ex.getMessage().startsWith("bad bundle.json"), ex.getMessage());
    }

    @Test
    void syntheticTinyBundleLoadsFromTheClasspath() throws Exception {
        Embedding e = Embedding.loadShipped("synthetic-tiny");
        assertEquals(16, e.spectrumLength());
        assertEquals(EmbeddingType.AELLE, e.type());
        Projection same = e.project(new double[16]);
        assertEquals(same, Embedding.loadShipped("synthetic-tiny").project(new double[16]));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Embedding.loadShipped("no-such-study"));
    }

    @Test
    void predictedLossIsPositiveAndFinite() {
        Embedding e = TestBundles.randomAelle("toy", 10, 3);
        Projection p = e.project(new double[10]);
        assertTrue(p.predictedFinalLoss() > 0 && Double.isFinite(p.predictedFinalLoss()));
        assertFalse(Double.isNaN(p.pc1()));
    }
}
