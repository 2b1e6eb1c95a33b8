package io.aelle.model.lyapunov.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.aelle.model.checkpoint.Tensor;
import io.aelle.model.lyapunov.Convention;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.model.lyapunov.SpectrumResult;
import io.aelle.model.lyapunov.SpectrumSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lyapunov spectra on DJL's PyTorch engine (float32 forward pass and Jacobians; see {@link TangentPrecision}), many checkpoints at once: the networks of one layout
 * (architecture, layers, N, I) form one batch of C checkpoints × B sequences that advances in a single pass, on the
 * CPU or a GPU. Same conventions and outputs as the CPU engine (issue 3); the tangent vectors are
 * re-orthonormalised at every step ({@link BatchedGramSchmidt}), so {@link SpectrumSettings#orthonormalizeEvery()}
 * is not used: in float32, products of several Jacobians overflow or lose the weak directions too soon for the
 * CPU engine's every-m-steps saving to pay.
 *
 * <p>|R_tt| is floored at the smallest normal float ({@link Float#MIN_NORMAL}) before the log, so exponents are
 * never −∞ or NaN. Each sequence's arithmetic is independent of the others in its batch, but PyTorch may take another
 * matrix-product path for another batch size, so results agree with a checkpoint computed alone to rounding, not bit
 * for bit (CPU device: identical for single-layer stacks, differences of order 1e-7 for a two-layer GRU; GPU not measured).
 */
public final class DjlSpectrumEngine implements SpectrumEngine {

    private static final double LN2 = Math.log(2.0);

    private final Device device;
    private final TangentPrecision precision;
    private final NDManager manager;

    /** An engine on {@code device} with the {@link TangentPrecision#MIXED} precision. */
    public DjlSpectrumEngine(Device device) {
        this(device, TangentPrecision.MIXED);
    }

    public DjlSpectrumEngine(Device device, TangentPrecision precision) {
        this.device = device;
        this.precision = precision;
        this.manager = DjlRuntime.engine().newBaseManager(device);
    }

    public Device device() {
        return device;
    }

    @Override
    public SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings) {
        return computeAll(List.of(network), inputs, settings).get(0);
    }

    @Override
    public List<SpectrumResult> computeAll(List<RecurrentNetwork> networks, Tensor inputs, SpectrumSettings settings) {
        List<StackWeights> weights = new ArrayList<>(networks.size());
        networks.forEach(n -> weights.add(StackWeights.of(n)));
        return computeWeights(weights, inputs, settings);
    }

    /** Spectra of {@code networks}, in their order; networks of one layout share a batch. */
    public List<SpectrumResult> computeWeights(List<StackWeights> networks, Tensor inputs, SpectrumSettings settings) {
        if (inputs.rank() != 3) {
            throw new IllegalArgumentException("inputs must have shape (B, T, I), got " + inputs.shapeString());
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < networks.size(); i++) {
            StackWeights w = networks.get(i);
            if (w.inputSize() != inputs.dim(2)) {
                throw new IllegalArgumentException("network " + i + " takes inputs of size " + w.inputSize()
                        + " but the inputs have shape " + inputs.shapeString());
            }
            groups.computeIfAbsent(w.batchKey(), key -> new ArrayList<>()).add(i);
        }
        float[] x = StackWeights.toFloats(inputs.data(), "inputs");
        SpectrumResult[] out = new SpectrumResult[networks.size()];
        for (List<Integer> group : groups.values()) {
            List<StackWeights> members = new ArrayList<>(group.size());
            group.forEach(i -> members.add(networks.get(i)));
            List<SpectrumResult> results = computeGroup(members, x, inputs.shape(), settings);
            for (int m = 0; m < group.size(); m++) {
                out[group.get(m)] = results.get(m);
            }
        }
        return List.of(out);
    }

    private List<SpectrumResult> computeGroup(List<StackWeights> nets, float[] x, int[] shape, SpectrumSettings s) {
        int b = shape[0];
        int t = shape[1];
        int stateSize = nets.get(0).stateSize();
        int k = s.exponents() == 0 ? stateSize : s.exponents();
        if (k > stateSize) {
            throw new IllegalArgumentException(k + " exponents requested but the state has " + stateSize + " dimensions");
        }
        boolean reference = s.convention() == Convention.REFERENCE;
        int measured = reference ? t : t - s.discard();
        if (b == 0) {
            throw new IllegalArgumentException("inputs hold no sequences (shape (0, " + t + ", " + shape[2] + "))");
        }
        if (t == 0 || measured <= 0) {
            throw new IllegalArgumentException("nothing to measure: " + t + " steps, discard " + s.discard());
        }
        try (NDManager group = manager.newSubManager()) {
            BatchedStack stack = new BatchedStack(group, nets);
            int c = stack.checkpoints();
            Trajectory run = new Trajectory(group, stack, c, b, k, precision.basisType);
            NDArray inputs = group.create(x, new Shape(b, t, shape[2]));
            if (reference) {
                for (int step = 0; step < Math.min(s.warmup(), t); step++) {
                    run.advance(inputs, step, true, false);
                }
                for (int step = 0; step < t; step++) {
                    run.advance(inputs, step, true, true);
                }
            } else {
                for (int step = 0; step < t; step++) {
                    run.advance(inputs, step, false, step >= s.discard());
                }
            }
            double scale = 1.0 / measured / (reference ? LN2 : 1.0);
            double[] sums = run.logSum.toDoubleArray();
            List<SpectrumResult> results = new ArrayList<>(c);
            for (int ci = 0; ci < c; ci++) {
                double[][] perSequence = new double[b][k];
                for (int bi = 0; bi < b; bi++) {
                    for (int j = 0; j < k; j++) {
                        perSequence[bi][j] = sums[(ci * b + bi) * k + j] * scale;
                    }
                }
                results.add(SpectrumResult.ofPerSequence(perSequence));
            }
            return results;
        }
    }

    /** The evolving state of one batch: h (and c) per layer, the tangent basis Q and Σ ln R_tt in float64. */
    private static final class Trajectory {
        private final BatchedStack stack;
        private NDArray[] h;
        private NDArray[] cell;
        private NDArray q;
        private NDArray logSum;

        Trajectory(NDManager manager, BatchedStack stack, int c, int b, int k, DataType basisType) {
            this.stack = stack;
            int layers = stack.layers();
            int n = stack.hiddenSize();
            h = new NDArray[layers];
            cell = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                h[l] = manager.zeros(new Shape(c, b, n));
                cell[l] = manager.zeros(new Shape(c, b, n));
            }
            int d = stack.stateSize();
            // The PyTorch engine supports only the square eye(n); the first k columns of I_D are Q0.
            q = manager.eye(d).get(":, :{}", k).toType(basisType, false).broadcast(new Shape(c, b, d, k)).duplicate();
            logSum = manager.zeros(new Shape(c, b, k), DataType.FLOAT64);
        }

        /** One step: advance the states, push Q through J (or Jᵀ), re-orthonormalise, and add ln R_tt if measured. */
        void advance(NDArray inputs, int step, boolean transposed, boolean measure) {
            NDArray[] oldH = h;
            NDArray[] oldCell = cell;
            NDArray oldQ = q;
            NDArray oldSum = logSum;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                BatchedStack.Step next = stack.step(inputs.get(":, {}, :", step), h, cell);
                NDArray j = next.jacobian().toType(q.getDataType(), false);
                NDArray z = (transposed ? j.transpose(0, 1, 3, 2) : j).matMul(q);
                BatchedGramSchmidt.Result qr = BatchedGramSchmidt.orthonormalize(z);
                h = next.h();
                cell = stack.hasCellState() ? next.cell() : cell;
                q = qr.q();
                NDScope.unregister(h);
                if (stack.hasCellState()) {
                    NDScope.unregister(cell);
                }
                NDScope.unregister(q);
                if (measure) {
                    logSum = logSum.add(qr.rDiagonal().toType(DataType.FLOAT64, false).maximum(Float.MIN_NORMAL).log());
                    NDScope.unregister(logSum);
                }
            }
            closeReplaced(oldH, h);
            if (stack.hasCellState()) {
                closeReplaced(oldCell, cell);
            }
            oldQ.close();
            if (oldSum != logSum) {
                oldSum.close();
            }
        }

        private static void closeReplaced(NDArray[] old, NDArray[] now) {
            for (int l = 0; l < old.length; l++) {
                if (old[l] != now[l]) {
                    old[l].close();
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
