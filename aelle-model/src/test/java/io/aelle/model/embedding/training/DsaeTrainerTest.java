package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.DsaeEncoder;
import io.aelle.model.embedding.DsaeLayout;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.embedding.TestBundles;
import org.junit.jupiter.api.Test;

class DsaeTrainerTest {

    private static final int N = 96;
    private static final int LENGTH = 6;

    /** Spectra squeezed into tanh's range, as the DSAE's normalisation does. */
    private static double[][] x(boolean[] low) {
        double[][] x = TestBundles.spectra(N, LENGTH, 6, low);
        for (double[] r : x) {
            for (int k = 0; k < r.length; k++) {
                r[k] = 0.4 * r[k];
            }
        }
        return x;
    }

    private static double[] t(boolean[] low) {
        double[] t = new double[low.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = low[i] ? -0.5 : 0.5;
        }
        return t;
    }

    @Test
    void supervisedTrainingLowersTheLossAndIsReproducible() {
        boolean[] low = new boolean[N];
        double[][] x = x(low);
        double[] t = t(low);
        DsaeTrainer.Settings s = DsaeTrainer.Settings.defaults(EmbeddingType.DSAE_SUPERVISED).withLatent(3).withEpochs(30);
        int[] calls = {0};
        DsaeTrainer.Result a = new DsaeTrainer(s).train(x, t, x, t, (e, total, tr, val) -> {
            calls[0]++;
            assertEquals(30, total);
        });
        assertEquals(30, calls[0]);
        var h = a.history().points();
        assertTrue(h.get(29)[1] < 0.7 * h.get(0)[1], "training loss falls: " + h.get(0)[1] + " -> " + h.get(29)[1]);
        assertEquals(new DsaeLayout(LENGTH, 3, 0, true), a.encoder().layout());
        assertEquals(2, a.encoder().steps());
        assertTrue(Double.isFinite(a.encoder().encode(x[0]).target()), "the supervised slot predicts");

        DsaeTrainer.Result b = new DsaeTrainer(s).train(x, t, x, t, TrainingListener.NONE);
        assertArrayEquals(a.encoder().parameters().get(DsaeEncoder.MAP + "weight").data(),
                b.encoder().parameters().get(DsaeEncoder.MAP + "weight").data(), 0.0, "the same seed trains the same map");
    }

    @Test
    void theSparseVariantTrainsOnlyTheMaskedEntries() {
        boolean[] low = new boolean[N];
        double[][] x = x(low);
        DsaeTrainer.Settings s = DsaeTrainer.Settings.defaults(EmbeddingType.DSAE_SPARSE).withLatent(3).withExtra(2);
        double[] early = new DsaeTrainer(s.withEpochs(1)).train(x, null, null, null, TrainingListener.NONE)
                .encoder().parameters().get(DsaeEncoder.MAP + "weight").data();
        double[] late = new DsaeTrainer(s.withEpochs(8)).train(x, null, null, null, TrainingListener.NONE)
                .encoder().parameters().get(DsaeEncoder.MAP + "weight").data();
        DsaeLayout layout = s.layout(LENGTH);
        boolean[] mask = SparseMask.draw(layout, s.density(), s.seed());
        int moved = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                moved += early[i] == late[i] ? 0 : 1;
            } else {
                assertEquals(early[i], late[i], 0.0, "entry " + i + " is outside the mask: fixed");
            }
        }
        assertTrue(moved > SparseMask.nonZeros(mask) / 2, "most trainable entries moved: " + moved);
        assertEquals(SparseMask.parameterCount(mask, layout), s.describe(LENGTH).get("parameter_count"));
    }

    @Test
    void settingsAreCheckedAndDescribed() {
        DsaeTrainer.Settings d = DsaeTrainer.Settings.defaults(EmbeddingType.DSAE);
        assertThrows(IllegalArgumentException.class, () -> d.withLatent(1));
        assertThrows(IllegalArgumentException.class, () -> d.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> d.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> d.withExtra(-1));
        assertThrows(IllegalArgumentException.class, () -> DsaeTrainer.Settings.defaults(EmbeddingType.AELLE));
        int n = LENGTH + d.latent();
        assertEquals(n * n + n, d.describe(LENGTH).get("parameter_count"), "dense: the whole map plus the bias");
        assertEquals("0.5*MSE + lambda*MSE(y)", DsaeTrainer.Settings.defaults(EmbeddingType.DSAE_SUPERVISED).describe(LENGTH).get("loss"));
    }
}
