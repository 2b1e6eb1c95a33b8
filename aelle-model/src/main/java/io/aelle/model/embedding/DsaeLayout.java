package io.aelle.model.embedding;

/**
 * The DSAE state s = [x; h; j; y]: the spectrum slot x (length {@code input}), the latent slot h, optional
 * extra dimensions j (zero at the start), and for the supervised variant one slot y that starts at
 * {@link #Y0} and, after decoding, carries the predicted final loss.
 */
public record DsaeLayout(int input, int latent, int extra, boolean supervised) {

    /** The supervised slot's starting value (DSAE paper). */
    public static final double Y0 = 0.1;

    public DsaeLayout {
        if (input <= 0 || latent <= 0 || extra < 0) {
            throw new IllegalArgumentException("DSAE needs input > 0, latent > 0 and extra >= 0, got "
                    + input + ", " + latent + ", " + extra);
        }
    }

    public int size() {
        return input + latent + extra + (supervised ? 1 : 0);
    }

    public int latentOffset() {
        return input;
    }

    public int extraOffset() {
        return input + latent;
    }

    /** Index of the y slot; -1 when unsupervised. */
    public int targetIndex() {
        return supervised ? input + latent + extra : -1;
    }

    /** True for indices in the x or h blocks (the blocks the sparse variant masks). */
    public boolean inSpectrumOrLatent(int i) {
        return i < input + latent;
    }

    /** The initial encoder state [x; 0; 0; y0]. */
    public double[] initialState(double[] x) {
        if (x.length != input) {
            throw new IllegalArgumentException("spectrum has " + x.length + " values; the DSAE expects " + input);
        }
        double[] s = new double[size()];
        System.arraycopy(x, 0, s, 0, input);
        if (supervised) {
            s[targetIndex()] = Y0;
        }
        return s;
    }

    /** The decoder's starting state: everything zeroed except the latent slot. */
    public double[] latentOnly(double[] encoded) {
        double[] s = new double[size()];
        System.arraycopy(encoded, input, s, input, latent);
        return s;
    }
}
