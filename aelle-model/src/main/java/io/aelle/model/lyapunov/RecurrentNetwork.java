package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A recurrent stack (tanh RNN, GRU or LSTM; one or more layers of equal width) built from PyTorch-named tensors
 * ({@code <prefix>weight_ih_l<k>}, {@code weight_hh_l<k>}, optional {@code bias_ih_l<k>}, {@code bias_hh_l<k>}).
 * Gate orders are PyTorch's: LSTM (i, f, g, o), GRU (r, z, n). Immutable and thread-safe; the per-sequence
 * mutable part lives in {@link State}. The weights are the tensors' arrays, not copies (a 64 MiB checkpoint is
 * not held twice): like every {@link Tensor}'s, they are never written.
 *
 * <p>The dynamical state is all layers' h stacked (layer 0 first), so {@link #stateSize()} = layers × hidden.
 * For an LSTM the cell state c is carried along but held fixed when differentiating (the AeLLE paper's
 * convention: N exponents per layer).
 */
public final class RecurrentNetwork {

    /** Cell type; {@link #gates()} is the row multiple of {@code weight_hh} (g·N × N). */
    public enum Arch {
        RNN(1), GRU(3), LSTM(4);

        private final int gates;

        Arch(int gates) {
            this.gates = gates;
        }

        public int gates() {
            return gates;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Arch parse(String text) {
            for (Arch a : values()) {
                if (a.id().equalsIgnoreCase(text.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown architecture '" + text + "'; expected rnn, gru or lstm");
        }

        static Arch ofGates(int g) {
            for (Arch a : values()) {
                if (a.gates == g) {
                    return a;
                }
            }
            return null;
        }
    }

    private static final String HH = "weight_hh_l";

    private final Arch arch;
    private final String layerPrefix;
    private final int layers;
    private final int hidden;
    private final int inputSize;
    private final boolean bias;
    /** Per layer, row-major: wih (g·N × in), whh (g·N × N), bih, bhh (g·N; zeros without bias). */
    private final double[][] wih;
    private final double[][] whh;
    private final double[][] bih;
    private final double[][] bhh;

    private RecurrentNetwork(Arch arch, String layerPrefix, int hidden, int inputSize, boolean bias,
                             double[][] wih, double[][] whh, double[][] bih, double[][] bhh) {
        this.arch = arch;
        this.layerPrefix = layerPrefix;
        this.layers = whh.length;
        this.hidden = hidden;
        this.inputSize = inputSize;
        this.bias = bias;
        this.wih = wih;
        this.whh = whh;
        this.bih = bih;
        this.bhh = bhh;
    }

    /** The recurrent stack of a checkpoint; its {@code aelle.arch} and {@code aelle.layer_prefix} override inference. */
    public static RecurrentNetwork fromCheckpoint(Checkpoint checkpoint) {
        return fromTensors(checkpoint.tensors(), checkpoint.metadata().arch(), checkpoint.metadata().layerPrefix());
    }

    /**
     * Builds the stack from PyTorch-named tensors.
     *
     * @param archOrNull        rnn, gru or lstm to check against the shapes; null to infer from {@code weight_hh_l0}
     * @param layerPrefixOrNull e.g. {@code rnn_layer.}; null to infer (exactly one prefix must hold a {@code weight_hh_l0})
     * @throws IllegalArgumentException naming the offending tensor when anything is missing, ambiguous,
     *                                  inconsistent, NaN or infinite
     */
    public static RecurrentNetwork fromTensors(Map<String, Tensor> tensors, String archOrNull, String layerPrefixOrNull) {
        String prefix = layerPrefixOrNull != null ? layerPrefixOrNull : inferPrefix(tensors);
        Tensor hh0 = tensors.get(prefix + HH + 0);
        if (hh0 == null) {
            throw new IllegalArgumentException("no tensor named '" + prefix + HH + "0' (layer prefix '" + prefix + "')");
        }
        for (String unsupported : new String[] {HH + "0_reverse", "weight_hr_l0"}) {
            if (tensors.containsKey(prefix + unsupported)) {
                throw new IllegalArgumentException("tensor '" + prefix + unsupported
                        + "' found: bidirectional and projected recurrent layers are not supported");
            }
        }
        requireMatrix(hh0);
        int rows = hh0.dim(0);
        int n = hh0.dim(1);
        if (n == 0 || rows % n != 0 || Arch.ofGates(rows / n) == null) {
            throw new IllegalArgumentException("'" + hh0.name() + "' has shape " + hh0.shapeString()
                    + "; expected (g·N × N) with g = 1 (rnn), 3 (gru) or 4 (lstm)");
        }
        Arch arch = Arch.ofGates(rows / n);
        if (archOrNull != null) {
            Arch declared = Arch.parse(archOrNull);
            if (declared != arch) {
                throw new IllegalArgumentException("architecture declared as " + declared.id() + " but '" + hh0.name()
                        + "' has shape " + hh0.shapeString() + ", which is " + arch.id());
            }
        }
        int layers = 0;
        while (tensors.containsKey(prefix + HH + layers)) {
            layers++;
        }
        for (String name : tensors.keySet()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                String rest = name.substring(prefix.length());
                int layer = layerIndex(rest);
                if (layer >= layers) {
                    throw new IllegalArgumentException("tensor '" + name + "' belongs to layer " + layer + " but '"
                            + prefix + HH + layers + "' is missing (layers must be numbered 0, 1, ... without gaps)");
                }
            }
        }
        Tensor bih0 = tensors.get(prefix + "bias_ih_l0");
        boolean bias = bih0 != null || tensors.containsKey(prefix + "bias_hh_l0");
        int g = arch.gates();
        double[][] wih = new double[layers][];
        double[][] whh = new double[layers][];
        double[][] bih = new double[layers][];
        double[][] bhh = new double[layers][];
        int inputSize = -1;
        for (int l = 0; l < layers; l++) {
            Tensor ih = required(tensors, prefix + "weight_ih_l" + l);
            Tensor hh = required(tensors, prefix + HH + l);
            requireMatrix(ih);
            requireMatrix(hh);
            if (hh.dim(0) != g * n || hh.dim(1) != n) {
                throw new IllegalArgumentException("'" + hh.name() + "' has shape " + hh.shapeString() + "; expected ["
                        + g * n + ", " + n + "] like layer 0");
            }
            int in = l == 0 ? ih.dim(1) : n;
            if (ih.dim(0) != g * n || ih.dim(1) != in || in == 0) {
                throw new IllegalArgumentException("'" + ih.name() + "' has shape " + ih.shapeString() + "; expected ["
                        + g * n + ", " + (l == 0 ? "I>0" : Integer.toString(n)) + "]");
            }
            if (l == 0) {
                inputSize = in;
            }
            wih[l] = finite(ih);
            whh[l] = finite(hh);
            Tensor bi = tensors.get(prefix + "bias_ih_l" + l);
            Tensor bh = tensors.get(prefix + "bias_hh_l" + l);
            if ((bi != null) != bias || (bh != null) != bias) {
                throw new IllegalArgumentException("layer " + l + " under prefix '" + prefix
                        + "': bias_ih and bias_hh must both be present or both absent, in every layer");
            }
            bih[l] = bias ? finite(requireVector(bi, g * n)) : new double[g * n];
            bhh[l] = bias ? finite(requireVector(bh, g * n)) : new double[g * n];
        }
        return new RecurrentNetwork(arch, prefix, n, inputSize, bias, wih, whh, bih, bhh);
    }

    private static String inferPrefix(Map<String, Tensor> tensors) {
        TreeSet<String> prefixes = new TreeSet<>();
        for (String name : tensors.keySet()) {
            if (name.endsWith(HH + "0")) {
                prefixes.add(name.substring(0, name.length() - (HH + "0").length()));
            }
        }
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("no recurrent layer found: no tensor name ends with '" + HH + "0'");
        }
        if (prefixes.size() > 1) {
            throw new IllegalArgumentException("ambiguous recurrent layer: several prefixes hold a " + HH + "0 " + prefixes
                    + "; name one with aelle.layer_prefix");
        }
        return prefixes.first();
    }

    /** Layer number of a recognised per-layer tensor name, or -1. */
    private static int layerIndex(String rest) {
        for (String kind : new String[] {"weight_ih_l", HH, "bias_ih_l", "bias_hh_l"}) {
            if (rest.startsWith(kind)) {
                String digits = rest.substring(kind.length());
                if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 9) {
                    return Integer.parseInt(digits);
                }
            }
        }
        return -1;
    }

    private static Tensor required(Map<String, Tensor> tensors, String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("tensor '" + name + "' is missing");
        }
        return t;
    }

    private static void requireMatrix(Tensor t) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("'" + t.name() + "' must be a matrix, got shape " + t.shapeString());
        }
    }

    private static Tensor requireVector(Tensor t, int length) {
        if (t.rank() != 1 || t.dim(0) != length) {
            throw new IllegalArgumentException("'" + t.name() + "' has shape " + t.shapeString() + "; expected [" + length + "]");
        }
        return t;
    }

    /** The tensor's values, checked finite; shared, not copied (tensors are read-only, and so is this network). */
    private static double[] finite(Tensor t) {
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' holds a non-finite value (" + d[i]
                        + ") at flat index " + i);
            }
        }
        return d;
    }

    public Arch arch() {
        return arch;
    }

    public String layerPrefix() {
        return layerPrefix;
    }

    public int layers() {
        return layers;
    }

    public int hiddenSize() {
        return hidden;
    }

    public int inputSize() {
        return inputSize;
    }

    public boolean hasBias() {
        return bias;
    }

    /** Size of the tangent space: all layers' h stacked. */
    public int stateSize() {
        return layers * hidden;
    }

    /** Layer {@code layer}'s input weights, row-major (g·N × I_l), a copy: for backends that upload the weights. */
    public double[] weightIh(int layer) {
        return wih[layer].clone();
    }

    /** Layer {@code layer}'s recurrent weights, row-major (g·N × N), a copy. */
    public double[] weightHh(int layer) {
        return whh[layer].clone();
    }

    /** Layer {@code layer}'s input bias (g·N; zeros without bias), a copy. */
    public double[] biasIh(int layer) {
        return bih[layer].clone();
    }

    /** Layer {@code layer}'s recurrent bias (g·N; zeros without bias), a copy. */
    public double[] biasHh(int layer) {
        return bhh[layer].clone();
    }

    /**
     * Forward pass from h0 = c0 = 0.
     *
     * @param inputsTxI T steps of I inputs
     * @return the top layer's h_t for t = 1..T, shape (T × N)
     */
    public double[][] hiddenStates(double[][] inputsTxI) {
        State s = newState();
        double[][] out = new double[inputsTxI.length][];
        for (int t = 0; t < inputsTxI.length; t++) {
            if (inputsTxI[t].length != inputSize) {
                throw new IllegalArgumentException("input step " + t + " has " + inputsTxI[t].length
                        + " values; the network expects " + inputSize);
            }
            s.advance(inputsTxI[t], 0);
            out[t] = s.topHidden();
        }
        return out;
    }

    /** A fresh per-sequence state at h = c = 0. */
    public State newState() {
        return new State();
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + StrictMath.exp(-x));
    }

    /**
     * The mutable state of one sequence (h and c of every layer) and the gate activations of the last step, from
     * which {@link #jacobian} forms J_t = ∂h_t/∂h_{t−1}. Not thread-safe: one per sequence and thread.
     */
    public final class State {
        private final double[][] h = new double[layers][hidden];
        private final double[][] c = new double[layers][hidden];
        /** Per layer, the last step: h_{t−1}, c_{t−1}, activated gates (g·N) and, for GRU, W_hn h + b_hn. */
        private final double[][] hPrev = new double[layers][hidden];
        private final double[][] cPrev = new double[layers][hidden];
        private final double[][] gate = new double[layers][arch.gates() * hidden];
        private final double[][] hn = new double[layers][hidden];
        private final double[] pre = new double[arch.gates() * hidden];
        private final double[] preH = new double[arch.gates() * hidden];
        private final double[][] coef = new double[arch.gates()][hidden];
        private final double[] diag = new double[hidden];
        private final double[] lanes = new double[VectorOps.V];
        private final double[] block;
        private final double[] scratch;
        private boolean stepped;

        private State() {
            block = layers > 1 ? new double[hidden * hidden] : null;
            scratch = layers > 1 ? new double[hidden * hidden] : null;
        }

        public RecurrentNetwork network() {
            return RecurrentNetwork.this;
        }

        /** Back to h = c = 0. */
        public void reset() {
            for (int l = 0; l < layers; l++) {
                Arrays.fill(h[l], 0.0);
                Arrays.fill(c[l], 0.0);
            }
            stepped = false;
        }

        /** Sets h (stacked, stateSize) and c (stacked; ignored unless LSTM, null means 0). */
        public void load(double[] hStacked, double[] cStacked) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(hStacked, l * hidden, h[l], 0, hidden);
                if (cStacked != null) {
                    System.arraycopy(cStacked, l * hidden, c[l], 0, hidden);
                } else {
                    Arrays.fill(c[l], 0.0);
                }
            }
            stepped = false;
        }

        /** Copies the stacked h into {@code out} (stateSize). */
        public void hidden(double[] out) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(h[l], 0, out, l * hidden, hidden);
            }
        }

        /** Copies the stacked c into {@code out} (stateSize; zeros unless LSTM). */
        public void cell(double[] out) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(c[l], 0, out, l * hidden, hidden);
            }
        }

        double[] topHidden() {
            return h[layers - 1].clone();
        }

        /** One time step driven by x = inputs[offset .. offset + inputSize). */
        public void advance(double[] inputs, int offset) {
            double[] x = inputs;
            int xOff = offset;
            for (int l = 0; l < layers; l++) {
                System.arraycopy(h[l], 0, hPrev[l], 0, hidden);
                System.arraycopy(c[l], 0, cPrev[l], 0, hidden);
                stepLayer(l, x, xOff);
                x = h[l];
                xOff = 0;
            }
            stepped = true;
        }

        private void stepLayer(int l, double[] x, int xOff) {
            int n = hidden;
            int in = l == 0 ? inputSize : n;
            int rows = arch.gates() * n;
            double[] wi = wih[l];
            double[] wh = whh[l];
            double[] hp = hPrev[l];
            for (int r = 0; r < rows; r++) {
                pre[r] = bih[l][r] + VectorOps.dot(wi, r * in, x, xOff, in, lanes);
                preH[r] = bhh[l][r] + VectorOps.dot(wh, r * n, hp, 0, n, lanes);
            }
            double[] a = gate[l];
            double[] hl = h[l];
            switch (arch) {
                case RNN -> {
                    for (int i = 0; i < n; i++) {
                        a[i] = StrictMath.tanh(pre[i] + preH[i]);
                        hl[i] = a[i];
                    }
                }
                case GRU -> {
                    for (int i = 0; i < n; i++) {
                        double r = sigmoid(pre[i] + preH[i]);
                        double z = sigmoid(pre[n + i] + preH[n + i]);
                        double hnI = preH[2 * n + i];
                        double nn = StrictMath.tanh(pre[2 * n + i] + r * hnI);
                        a[i] = r;
                        a[n + i] = z;
                        a[2 * n + i] = nn;
                        hn[l][i] = hnI;
                        hl[i] = (1 - z) * nn + z * hp[i];
                    }
                }
                case LSTM -> {
                    double[] cl = c[l];
                    for (int i = 0; i < n; i++) {
                        double ig = sigmoid(pre[i] + preH[i]);
                        double fg = sigmoid(pre[n + i] + preH[n + i]);
                        double gg = StrictMath.tanh(pre[2 * n + i] + preH[2 * n + i]);
                        double og = sigmoid(pre[3 * n + i] + preH[3 * n + i]);
                        a[i] = ig;
                        a[n + i] = fg;
                        a[2 * n + i] = gg;
                        a[3 * n + i] = og;
                        cl[i] = fg * cl[i] + ig * gg;
                        hl[i] = og * StrictMath.tanh(cl[i]);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        /**
         * Writes J_t = ∂h_t/∂h_{t−1} of the last {@link #advance} (c_{t−1} held fixed) into {@code out}, row-major
         * (stateSize × stateSize). With several layers it is block lower-triangular: block (l, m) for m &lt; l is
         * ∂h^l_t/∂h^{l−1}_t · block (l−1, m), the input Jacobian of layer l times the block above.
         */
        public void jacobian(double[] out) {
            if (!stepped) {
                throw new IllegalStateException("jacobian() needs a step: call advance() first");
            }
            int s = stateSize();
            int n = hidden;
            if (layers == 1) {
                layerJacobian(0, true, out, 0, n);
                return;
            }
            Arrays.fill(out, 0.0);
            for (int l = 0; l < layers; l++) {
                layerJacobian(l, true, out, (l * n) * s + l * n, s);
                if (l > 0) {
                    layerJacobian(l, false, block, 0, n);
                    for (int m = 0; m < l; m++) {
                        // block (l, m) = D_in^l · block (l−1, m)
                        int src = ((l - 1) * n) * s + m * n;
                        for (int i = 0; i < n; i++) {
                            Arrays.fill(scratch, i * n, i * n + n, 0.0);
                            for (int k = 0; k < n; k++) {
                                double b = block[i * n + k];
                                if (b != 0.0) {
                                    int rowK = src + k * s;
                                    for (int j = 0; j < n; j++) {
                                        scratch[i * n + j] += b * out[rowK + j];
                                    }
                                }
                            }
                        }
                        int dst = (l * n) * s + m * n;
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(scratch, i * n, out, dst + i * s, n);
                        }
                    }
                }
            }
        }

        /**
         * One layer's Jacobian of the last step, with respect to its previous h ({@code recurrent}) or to its input
         * (for layers above 0: the new h of the layer below). Every cell's row i is Σ_g coef_g[i]·W_g[i, :] plus,
         * for the recurrent GRU Jacobian, z_i on the diagonal.
         */
        private void layerJacobian(int l, boolean recurrent, double[] out, int offset, int stride) {
            int n = hidden;
            double[] a = gate[l];
            Arrays.fill(diag, 0.0);
            switch (arch) {
                case RNN -> {
                    for (int i = 0; i < n; i++) {
                        coef[0][i] = 1 - a[i] * a[i];
                    }
                }
                case GRU -> {
                    for (int i = 0; i < n; i++) {
                        double r = a[i];
                        double z = a[n + i];
                        double nn = a[2 * n + i];
                        double dn = (1 - z) * (1 - nn * nn);
                        coef[0][i] = dn * hn[l][i] * r * (1 - r);
                        coef[1][i] = (hPrev[l][i] - nn) * z * (1 - z);
                        // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)): r scales the recurrent term only
                        coef[2][i] = recurrent ? dn * r : dn;
                        diag[i] = recurrent ? z : 0.0;
                    }
                }
                case LSTM -> {
                    double[] cNew = c[l];
                    for (int i = 0; i < n; i++) {
                        double ig = a[i];
                        double fg = a[n + i];
                        double gg = a[2 * n + i];
                        double og = a[3 * n + i];
                        double tc = StrictMath.tanh(cNew[i]);
                        double dc = og * (1 - tc * tc);
                        coef[0][i] = dc * gg * ig * (1 - ig);
                        coef[1][i] = dc * cPrev[l][i] * fg * (1 - fg);
                        coef[2][i] = dc * ig * (1 - gg * gg);
                        coef[3][i] = tc * og * (1 - og);
                    }
                }
                default -> throw new IllegalStateException();
            }
            double[] w = recurrent ? whh[l] : wih[l];
            int g = arch.gates();
            for (int i = 0; i < n; i++) {
                int row = offset + i * stride;
                VectorOps.scaled(coef[0][i], w, i * n, out, row, n);
                for (int gi = 1; gi < g; gi++) {
                    VectorOps.axpy(coef[gi][i], w, (gi * n + i) * n, out, row, n);
                }
                out[row + i] += diag[i];
            }
        }
    }

    @Override
    public String toString() {
        return arch.id() + " " + layers + "×" + hidden + " (input " + inputSize + (bias ? ", bias" : ", no bias")
                + ", prefix '" + layerPrefix + "')";
    }
}
