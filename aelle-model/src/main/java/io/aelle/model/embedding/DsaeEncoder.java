package io.aelle.model.embedding;

import io.aelle.wire.checkpoint.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DSAE's one square map f(s) = tanh(A·s + b), applied K times from [x; 0; 0; y0] to encode; the state is
 * then zeroed except h and f is applied K times again to decode (x̂ in the x slot, the predicted final loss
 * in the y slot of the supervised variant). For the sparse variant A is already U ⊙ Ω + W0.
 */
public final class DsaeEncoder implements Encoder {

    public static final String MAP = "map.";

    private final DsaeLayout layout;
    private final DenseLayer map;
    private final int steps;

    public DsaeEncoder(DsaeLayout layout, double[] a, double[] b, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("DSAE needs K >= 1 steps, got " + steps);
        }
        this.layout = layout;
        this.map = new DenseLayer(a, b, layout.size(), layout.size());
        this.steps = steps;
    }

    public static DsaeEncoder fromParameters(DsaeLayout layout, int steps, Map<String, Tensor> p) {
        Tensor a = MlpEncoder.require(p, MAP + "weight");
        Tensor b = MlpEncoder.require(p, MAP + "bias");
        if (a.rank() != 2 || a.dim(0) != layout.size() || a.dim(1) != layout.size() || b.size() != layout.size()) {
            throw new IllegalArgumentException("DSAE map " + a.shapeString() + " does not match state size " + layout.size());
        }
        return new DsaeEncoder(layout, a.data(), b.data(), steps);
    }

    public DsaeLayout layout() {
        return layout;
    }

    public int steps() {
        return steps;
    }

    /** K applications of f. */
    public double[] iterate(double[] state) {
        double[] s = state;
        for (int k = 0; k < steps; k++) {
            s = map.apply(s, true);
        }
        return s;
    }

    /** The encoded state (full length); the latent is its h slot. */
    public double[] encodeState(double[] x) {
        return iterate(layout.initialState(x));
    }

    /** Decodes an encoded state: zero all but h, apply f K times. */
    public double[] decodeState(double[] encodedState) {
        return iterate(layout.latentOnly(encodedState));
    }

    @Override
    public int inputLength() {
        return layout.input();
    }

    @Override
    public int latentSize() {
        return layout.latent();
    }

    @Override
    public Encoding encode(double[] x) {
        double[] encoded = encodeState(x);
        double[] latent = Arrays.copyOfRange(encoded, layout.latentOffset(), layout.latentOffset() + layout.latent());
        double target = layout.supervised() ? decodeState(encoded)[layout.targetIndex()] : Double.NaN;
        return new Encoding(latent, target);
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put(MAP + "weight", map.weightTensor(MAP + "weight"));
        p.put(MAP + "bias", map.biasTensor(MAP + "bias"));
        return p;
    }
}
