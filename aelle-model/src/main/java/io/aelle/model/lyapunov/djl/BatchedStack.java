package io.aelle.model.lyapunov.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.aelle.model.lyapunov.RecurrentNetwork;
import java.util.List;

/**
 * C recurrent stacks of one layout on one device, stepped together over B sequences: the forward pass and the
 * closed-form Jacobian J_t = ∂h_t/∂h_{t−1} of the stacked state (all layers' h; for an LSTM c_{t−1} held fixed).
 *
 * <p>Array layout: states (C, B, N); weights (C, ·, ·) shared by a checkpoint's B sequences through broadcasting,
 * so no weight is copied per sequence. A Jacobian is Σ_gates diag(coef_gate) · W_gate, formed as one broadcast
 * product (C, B, g·N, M) summed over the gate axis.
 */
final class BatchedStack {

    private final RecurrentNetwork.Arch arch;
    private final int layers;
    private final int c;
    private final int n;
    private final int g;
    /** Transposed for the forward product x · Wᵀ: (C, in, g·N) and (C, N, g·N). */
    private final NDArray[] wihT;
    private final NDArray[] whhT;
    /** Row layout for the Jacobians: (C, 1, g·N, in) and (C, 1, g·N, N). */
    private final NDArray[] wih;
    private final NDArray[] whh;
    /** (C, 1, g·N). */
    private final NDArray[] bih;
    private final NDArray[] bhh;
    private final NDArray eyeN;

    /** Uploads the weights of {@code nets} (all of one {@link StackWeights#batchKey()}) into {@code manager}. */
    BatchedStack(NDManager manager, List<StackWeights> nets) {
        StackWeights first = nets.get(0);
        arch = first.arch();
        layers = first.layers();
        c = nets.size();
        n = first.hiddenSize();
        g = arch.gates();
        wihT = new NDArray[layers];
        whhT = new NDArray[layers];
        wih = new NDArray[layers];
        whh = new NDArray[layers];
        bih = new NDArray[layers];
        bhh = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? first.inputSize() : n;
            final int layer = l;
            wih[l] = manager.create(gather(nets, w -> w.weightIh()[layer]), new Shape(c, 1, g * n, in));
            whh[l] = manager.create(gather(nets, w -> w.weightHh()[layer]), new Shape(c, 1, g * n, n));
            bih[l] = manager.create(gather(nets, w -> w.biasIh()[layer]), new Shape(c, 1, g * n));
            bhh[l] = manager.create(gather(nets, w -> w.biasHh()[layer]), new Shape(c, 1, g * n));
            wihT[l] = wih[l].reshape(c, g * n, in).transpose(0, 2, 1).duplicate();
            whhT[l] = whh[l].reshape(c, g * n, n).transpose(0, 2, 1).duplicate();
        }
        eyeN = manager.eye(n);
    }

    int checkpoints() {
        return c;
    }

    int layers() {
        return layers;
    }

    int hiddenSize() {
        return n;
    }

    int stateSize() {
        return layers * n;
    }

    boolean hasCellState() {
        return arch == RecurrentNetwork.Arch.LSTM;
    }

    /** New states and the stacked Jacobian (C, B, L·N, L·N) of one step. */
    record Step(NDArray[] h, NDArray[] cell, NDArray jacobian) {
    }

    /**
     * One step of every stack.
     *
     * @param x    the inputs at this step, (B, I), shared by all C checkpoints
     * @param h    per layer (C, B, N)
     * @param cell per layer (C, B, N) for an LSTM, else ignored
     */
    Step step(NDArray x, NDArray[] h, NDArray[] cell) {
        NDArray[] hNew = new NDArray[layers];
        NDArray[] cNew = new NDArray[layers];
        NDArray[] rows = new NDArray[layers];
        NDArray row = null; // layer l's block row of J, (C, B, N, (l+1)·N)
        NDArray in = x;
        for (int l = 0; l < layers; l++) {
            NDArray gx = in.matMul(wihT[l]).add(bih[l]);
            NDArray gh = h[l].matMul(whhT[l]).add(bhh[l]);
            Cell out = switch (arch) {
                case RNN -> rnn(gx, gh);
                case GRU -> gru(gx, gh, h[l]);
                case LSTM -> lstm(gx, gh, cell[l]);
            };
            hNew[l] = out.h;
            cNew[l] = out.c;
            NDArray diagonal = gateSum(out.coefH, whh[l]);
            if (out.identityScale != null) {
                diagonal = diagonal.add(out.identityScale.expandDims(3).mul(eyeN));
            }
            // h^l_t depends on h^{l-1}_t, so its block row is (∂h^l/∂x) · (block row of layer l−1), then the diagonal.
            row = l == 0 ? diagonal : gateSum(out.coefX, wih[l]).matMul(row).concat(diagonal, 3);
            in = out.h;
            rows[l] = row;
        }
        return new Step(hNew, cNew, assemble(rows));
    }

    /** Pads each block row with zeros to full width (the Jacobian is block lower-triangular) and stacks them. */
    private NDArray assemble(NDArray[] rows) {
        if (layers == 1) {
            return rows[0];
        }
        NDList padded = new NDList(layers);
        for (int l = 0; l < layers; l++) {
            NDArray r = rows[l];
            if (l < layers - 1) {
                Shape s = r.getShape();
                r = r.concat(r.getManager().zeros(new Shape(s.get(0), s.get(1), n, (long) (layers - 1 - l) * n)), 3);
            }
            padded.add(r);
        }
        return NDArrays.concat(padded, 2);
    }

    /** A cell's new state and its Jacobian coefficients: ∂h'/∂h = Σ diag(coefH_gate) W_hh,gate + diag(identityScale). */
    private record Cell(NDArray h, NDArray c, NDArray coefH, NDArray coefX, NDArray identityScale) {
    }

    private static Cell rnn(NDArray gx, NDArray gh) {
        NDArray hn = gx.add(gh).tanh();
        NDArray d = oneMinus(hn.square());
        return new Cell(hn, null, d, d, null);
    }

    /** PyTorch LSTM, gates (i, f, g, o); h' = o ⊙ tanh(f ⊙ c + i ⊙ g), differentiated with c fixed. */
    private Cell lstm(NDArray gx, NDArray gh, NDArray cPrev) {
        NDList a = gx.add(gh).split(4, 2);
        NDArray i = Activation.sigmoid(a.get(0));
        NDArray f = Activation.sigmoid(a.get(1));
        NDArray gg = a.get(2).tanh();
        NDArray o = Activation.sigmoid(a.get(3));
        NDArray cn = f.mul(cPrev).add(i.mul(gg));
        NDArray tc = cn.tanh();
        NDArray hn = o.mul(tc);
        NDArray dc = o.mul(oneMinus(tc.square()));
        NDArray coef = NDArrays.concat(new NDList(
                dc.mul(gg).mul(i).mul(oneMinus(i)),
                dc.mul(cPrev).mul(f).mul(oneMinus(f)),
                dc.mul(i).mul(oneMinus(gg.square())),
                tc.mul(o).mul(oneMinus(o))), 2);
        return new Cell(hn, cn, coef, coef, null);
    }

    /**
     * PyTorch GRU, gates (r, z, n): n = tanh(x_n + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
     * ∂h'/∂h = diag((1−z)(1−n²)(W_hn h + b_hn) r(1−r)) W_hr + diag((h−n) z(1−z)) W_hz + diag((1−z)(1−n²) r) W_hn
     * + diag(z); with respect to the input the n-gate coefficient has no factor r and there is no identity term.
     */
    private static Cell gru(NDArray gx, NDArray gh, NDArray hPrev) {
        NDList x = gx.split(3, 2);
        NDList hh = gh.split(3, 2);
        NDArray r = Activation.sigmoid(x.get(0).add(hh.get(0)));
        NDArray z = Activation.sigmoid(x.get(1).add(hh.get(1)));
        NDArray hn = hh.get(2);
        NDArray nn = x.get(2).add(r.mul(hn)).tanh();
        NDArray oneMinusZ = oneMinus(z);
        NDArray hNew = oneMinusZ.mul(nn).add(z.mul(hPrev));
        NDArray dn = oneMinusZ.mul(oneMinus(nn.square()));
        NDArray cr = dn.mul(hn).mul(r).mul(oneMinus(r));
        NDArray cz = hPrev.sub(nn).mul(z).mul(oneMinusZ);
        NDArray coefH = NDArrays.concat(new NDList(cr, cz, dn.mul(r)), 2);
        NDArray coefX = NDArrays.concat(new NDList(cr, cz, dn), 2);
        return new Cell(hNew, null, coefH, coefX, z);
    }

    /** Σ_gate diag(coef_gate) W_gate for coef (C, B, g·N) and W (C, 1, g·N, M): (C, B, N, M). */
    private NDArray gateSum(NDArray coef, NDArray w) {
        NDArray scaled = coef.expandDims(3).mul(w);
        if (g == 1) {
            return scaled;
        }
        Shape s = scaled.getShape();
        return scaled.reshape(s.get(0), s.get(1), g, n, s.get(3)).sum(new int[] {2});
    }

    private static NDArray oneMinus(NDArray a) {
        return a.neg().add(1f);
    }

    private static float[] gather(List<StackWeights> nets, java.util.function.Function<StackWeights, float[]> part) {
        int len = part.apply(nets.get(0)).length;
        float[] out = new float[len * nets.size()];
        for (int k = 0; k < nets.size(); k++) {
            System.arraycopy(part.apply(nets.get(k)), 0, out, k * len, len);
        }
        return out;
    }
}
