package io.aelle.model.embedding.training;

import io.aelle.model.embedding.DsaeLayout;
import java.util.Random;

/**
 * The sparse DSAE's fixed mask Ω: entries coupling two x/h slots are kept with probability {@code density}
 * (Bernoulli), every entry in a row or column of the j (or y) slots is kept. Trainable parameters are
 * Ω's non-zeros plus the bias.
 */
public final class SparseMask {

    private SparseMask() {
    }

    /** Row-major n × n mask for the layout, drawn from {@code seed}. */
    public static boolean[] draw(DsaeLayout layout, double density, long seed) {
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("sparse density must be in (0, 1], got " + density);
        }
        int n = layout.size();
        Random r = new Random(seed);
        boolean[] m = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean sparseBlock = layout.inSpectrumOrLatent(i) && layout.inSpectrumOrLatent(j);
                m[i * n + j] = !sparseBlock || r.nextDouble() < density;
            }
        }
        return m;
    }

    public static int nonZeros(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** Trainable parameters of a masked DSAE: the mask's non-zeros plus the n biases. */
    public static int parameterCount(boolean[] mask, DsaeLayout layout) {
        return nonZeros(mask) + layout.size();
    }
}
