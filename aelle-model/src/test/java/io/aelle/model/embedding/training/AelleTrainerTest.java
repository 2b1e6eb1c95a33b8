package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.TestBundles;
import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AelleTrainerTest {

    private static final int N = 96;
    private static final int LENGTH = 8;

    private static AelleTrainer.Settings settings(long seed) {
        return new AelleTrainer.Settings(List.of(16), 2, 0.1, 1, AlphaSchedule.parse("1:10,2:10"), 1e-2, 32, seed);
    }

    /** Synthetic spectra and their normalised targets: -1 for low-error runs, +1 for the others. */
    private static double[][] x(boolean[] low) {
        return TestBundles.spectra(N, LENGTH, 4, low);
    }

    private static double[] t(boolean[] low) {
        double[] t = new double[low.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = low[i] ? -1 : 1;
        }
        return t;
    }

    @Test
    void trainingLowersTheLossReportsEveryEpochAndIsReproducible() {
        boolean[] low = new boolean[N];
        double[][] x = x(low);
        double[] t = t(low);
        List<double[]> told = new ArrayList<>();
        AelleTrainer.Result a = new AelleTrainer(settings(3)).train(x, t, x, t, (e, total, tr, val) -> told.add(new double[] {e, total, tr, val}));
        assertEquals(20, told.size(), "one call per epoch of the schedule");
        assertArrayEquals(new double[] {20, 20}, new double[] {told.get(19)[0], told.get(19)[1]});
        List<double[]> h = a.history().points();
        assertEquals(20, h.size());
        assertTrue(h.get(19)[1] < 0.7 * h.get(0)[1], "training loss falls: " + h.get(0)[1] + " -> " + h.get(19)[1]);
        assertTrue(Double.isFinite(a.history().lastValidation()));

        assertEquals(LENGTH, a.encoder().inputLength());
        assertEquals(2, a.encoder().latentSize());
        double headLow = 0, headHigh = 0;
        for (int i = 0; i < N; i++) {
            double p = a.encoder().encode(x[i]).target();
            headLow += low[i] ? p : 0;
            headHigh += low[i] ? 0 : p;
        }
        assertTrue(headLow < headHigh, "the head ranks low-error runs lower: " + headLow + " vs " + headHigh);

        AelleTrainer.Result b = new AelleTrainer(settings(3)).train(x, t, x, t, TrainingListener.NONE);
        Map<String, Tensor> pa = a.encoder().parameters();
        Map<String, Tensor> pb = b.encoder().parameters();
        assertEquals(pa.keySet(), pb.keySet());
        for (String k : pa.keySet()) {
            assertArrayEquals(pa.get(k).data(), pb.get(k).data(), 0.0, "the same seed trains the same " + k);
        }
    }

    @Test
    void settingsAreChecked() {
        AlphaSchedule s = AlphaSchedule.parse("1:1");
        assertThrows(IllegalArgumentException.class, () -> new AelleTrainer.Settings(List.of(8), 1, 0.1, 1, s, 1e-3, 8, 1), "latent 1");
        assertThrows(IllegalArgumentException.class, () -> new AelleTrainer.Settings(List.of(), 2, 0.1, 1, s, 1e-3, 8, 1), "no hidden layer");
        assertThrows(IllegalArgumentException.class, () -> new AelleTrainer.Settings(List.of(8), 2, 1.0, 1, s, 1e-3, 8, 1), "dropout 1");
        assertThrows(IllegalArgumentException.class, () -> new AelleTrainer.Settings(List.of(8), 2, 0.1, 3, s, 1e-3, 8, 1), "n = 3");
        assertThrows(IllegalArgumentException.class, () -> new AelleTrainer.Settings(List.of(8), 2, 0.1, 1, s, 1e-3, 0, 1), "batch 0");
        Map<String, Object> d = AelleTrainer.Settings.defaults().describe();
        assertEquals(List.of(512, 256), d.get("hidden"));
        assertEquals(32, d.get("latent"));
        assertEquals("adam", d.get("optimizer"));
    }
}
