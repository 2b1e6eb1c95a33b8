package io.aelle.model.embedding;

import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AeLLE's encoder at inference: tanh hidden layers (dropout is the identity at inference), a linear latent
 * layer, and a linear head on the latent predicting the normalised final loss. The decoder is only needed
 * for training and is not kept.
 */
public final class MlpEncoder implements Encoder {

    public static final String HIDDEN = "encoder.%d.";
    public static final String LATENT = "latent.";
    public static final String HEAD = "head.";

    private final List<DenseLayer> hidden;
    private final DenseLayer latent;
    private final DenseLayer head;

    MlpEncoder(List<DenseLayer> hidden, DenseLayer latent, DenseLayer head) {
        int width = hidden.isEmpty() ? latent.in() : hidden.get(0).in();
        for (DenseLayer l : hidden) {
            if (l.in() != width) {
                throw new IllegalArgumentException("hidden layer reads " + l.in() + " values but receives " + width);
            }
            width = l.out();
        }
        if (latent.in() != width || head.in() != latent.out() || head.out() != 1) {
            throw new IllegalArgumentException("latent/head layer sizes do not chain");
        }
        this.hidden = List.copyOf(hidden);
        this.latent = latent;
        this.head = head;
    }

    /** Reads the tensors written by {@link #parameters()}. */
    public static MlpEncoder fromParameters(Map<String, Tensor> p) {
        List<DenseLayer> hidden = new ArrayList<>();
        for (int i = 0; p.containsKey(String.format(HIDDEN, i) + "weight"); i++) {
            String prefix = String.format(HIDDEN, i);
            hidden.add(DenseLayer.of(require(p, prefix + "weight"), require(p, prefix + "bias")));
        }
        return new MlpEncoder(hidden,
                DenseLayer.of(require(p, LATENT + "weight"), require(p, LATENT + "bias")),
                DenseLayer.of(require(p, HEAD + "weight"), require(p, HEAD + "bias")));
    }

    static Tensor require(Map<String, Tensor> p, String name) {
        Tensor t = p.get(name);
        if (t == null) {
            throw new IllegalArgumentException("bundle parameters lack tensor '" + name + "'");
        }
        return t;
    }

    @Override
    public int inputLength() {
        return hidden.isEmpty() ? latent.in() : hidden.get(0).in();
    }

    @Override
    public int latentSize() {
        return latent.out();
    }

    @Override
    public Encoding encode(double[] x) {
        if (x.length != inputLength()) {
            throw new IllegalArgumentException("spectrum has " + x.length + " values; the encoder expects " + inputLength());
        }
        double[] a = x;
        for (DenseLayer l : hidden) {
            a = l.apply(a, true);
        }
        double[] z = latent.apply(a, false);
        return new Encoding(z, head.apply(z, false)[0]);
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int i = 0; i < hidden.size(); i++) {
            String prefix = String.format(HIDDEN, i);
            p.put(prefix + "weight", hidden.get(i).weightTensor(prefix + "weight"));
            p.put(prefix + "bias", hidden.get(i).biasTensor(prefix + "bias"));
        }
        p.put(LATENT + "weight", latent.weightTensor(LATENT + "weight"));
        p.put(LATENT + "bias", latent.biasTensor(LATENT + "bias"));
        p.put(HEAD + "weight", head.weightTensor(HEAD + "weight"));
        p.put(HEAD + "bias", head.biasTensor(HEAD + "bias"));
        return p;
    }
}
