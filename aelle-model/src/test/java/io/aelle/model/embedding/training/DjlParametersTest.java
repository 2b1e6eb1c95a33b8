package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DjlParametersTest {

    @Test
    void batchesCoverEveryRowOnceAndFollowTheSeed() {
        try (DjlParameters a = new DjlParameters(1e-3, 5); DjlParameters b = new DjlParameters(1e-3, 5)) {
            int[][] batches = a.batches(103, 10);
            assertEquals(11, batches.length);
            assertEquals(3, batches[10].length, "the last batch holds the rest");
            int[] all = Arrays.stream(batches).flatMapToInt(Arrays::stream).sorted().toArray();
            assertArrayEquals(DjlParameters.all(103), all, "every row exactly once");
            assertTrue(Arrays.stream(batches).allMatch(x -> x.length <= 10));
            int[][] same = b.batches(103, 10);
            for (int i = 0; i < batches.length; i++) {
                assertArrayEquals(batches[i], same[i], "the same seed shuffles the same way");
            }
            assertTrue(!Arrays.equals(batches[0], a.batches(103, 10)[0]), "the next epoch is shuffled anew");
        }
    }

    @Test
    void rowsAndColumnPickTheIndexedRowsAsFloat32() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] x = {{1, 2}, {3, 4}, {5, 6.1}};
            NDArray r = DjlParameters.rows(m, x, new int[] {2, 0});
            assertArrayEquals(new long[] {2, 2}, r.getShape().getShape());
            assertArrayEquals(new float[] {5, 6.1f, 1, 2}, r.toFloatArray());
            NDArray c = DjlParameters.column(m, new double[] {0.5, 1.5, 2.5}, new int[] {1, 1, 2});
            assertArrayEquals(new long[] {3, 1}, c.getShape().getShape());
            assertArrayEquals(new float[] {1.5f, 1.5f, 2.5f}, c.toFloatArray());
        }
    }

    @Test
    void gaussianParametersAreReproducibleAndScaled() {
        try (DjlParameters a = new DjlParameters(1e-3, 11); DjlParameters b = new DjlParameters(1e-3, 11)) {
            float[] wa = a.gaussian("w", 0.5, 100, 40).toFloatArray();
            assertArrayEquals(wa, b.gaussian("w", 0.5, 100, 40).toFloatArray());
            double var = 0;
            for (float v : wa) {
                var += v * v / wa.length;
            }
            assertEquals(0.25, var, 0.02, "variance std² over 4000 draws");
            assertArrayEquals(new float[6], a.zeros("b", 2, 3).toFloatArray());
            assertTrue(a.get("w").hasGradient() && a.get("b").hasGradient(), "both are trainable");
        }
    }

    @Test
    void adamStepsMinimiseAQuadratic() {
        try (DjlParameters p = new DjlParameters(0.05, 1)) {
            NDArray w = p.zeros("w", 3);
            NDArray target = p.manager().create(new float[] {3, -1, 0.5f});
            for (int i = 0; i < 400; i++) {
                try (NDManager step = p.manager().newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.sub(target).square().sum();
                    loss.attach(step);
                    gc.backward(loss);
                }
                p.step();
            }
            assertArrayEquals(new float[] {3, -1, 0.5f}, w.toFloatArray(), 0.05f);
        }
    }
}
