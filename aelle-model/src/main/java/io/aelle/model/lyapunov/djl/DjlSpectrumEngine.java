package io.aelle.model.lyapunov.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumDeadline;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.model.lyapunov.SpectrumResult;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lyapunov spectra on DJL's PyTorch engine (float32 forward pass and Jacobians; see {@link TangentPrecision}), many
 * checkpoints at once: the networks of one layout (architecture, layers, N, I) form one batch of C checkpoints × B
 * sequences that advances in a single pass, on the CPU or a GPU. Same conventions and outputs as the CPU engine
 * (issue 3). The tangent basis is re-orthonormalised by block Gram–Schmidt ({@link BatchedGramSchmidt}) in panels of
 * {@link #panelWidth()} columns.
 *
 * <p>{@link SpectrumSettings#orthonormalizeEvery()} is honoured as in the CPU engine: up to m Jacobians are multiplied
 * into the basis and factorised once (the product of the R factors of successive QRs is the R of the QR of the
 * product). The block length is common to the whole batch: it adapts so that the widest per-step spread
 * max_j R_jj / min_j R_jj of any sequence predicts a block spread no worse than the precision's target, and a block
 * in which any sequence's smallest R_jj falls below the precision's guard ratio times its largest column norm (or
 * over/underflows) is recomputed step by step for the whole batch ({@link TangentPrecision}). Each block longer than
 * one step (and each step when m > 1) reads three numbers back from the device to decide this; m = 1 never does.
 * 0 means {@link #DEFAULT_ORTHONORMALIZE_EVERY}.
 *
 * <p>|R_tt| is floored at the smallest normal number of the basis type ({@link Double#MIN_NORMAL} for the default
 * float64 basis, as in the CPU engine) before the log, so exponents are never −∞ or NaN. Each sequence's arithmetic
 * is independent of the others in its batch, but PyTorch may take another matrix-product path for another batch
 * size, so results agree with a checkpoint computed alone to rounding, not bit for bit (CPU device: identical for
 * single-layer stacks, differences of order 1e-7 for a two-layer GRU; GPU not measured), and with m > 1 the common
 * block length depends on the batch.
 */
public final class DjlSpectrumEngine implements SpectrumEngine {

    /** Panel width of the block Gram–Schmidt when none is given (measured with {@code bench lyapunov --backend djl}). */
    public static final int DEFAULT_PANEL_WIDTH = 32;
    /** Longest block between orthonormalisations when the settings leave it to the engine. */
    public static final int DEFAULT_ORTHONORMALIZE_EVERY = 1;

    private static final double LN2 = Math.log(2.0);

    private final Device device;
    private final TangentPrecision precision;
    private final int panelWidth;
    private final NDManager manager;
    private long orthonormalisations;
    private long steps;

    /** An engine on {@code device} with the {@link TangentPrecision#MIXED} precision and the default panel width. */
    public DjlSpectrumEngine(Device device) {
        this(device, TangentPrecision.MIXED, DEFAULT_PANEL_WIDTH);
    }

    /**
     * @param panelWidth columns per Gram–Schmidt panel, ≥ 1; a width of at least the number of exponents is
     *                   column-by-column CGS2
     */
    public DjlSpectrumEngine(Device device, TangentPrecision precision, int panelWidth) {
        if (panelWidth < 1) {
            throw new IllegalArgumentException("panel width must be >= 1, got " + panelWidth);
        }
        this.device = device;
        this.precision = precision;
        this.panelWidth = panelWidth;
        this.manager = DjlRuntime.engine().newBaseManager(device);
    }

    public Device device() {
        return device;
    }

    public int panelWidth() {
        return panelWidth;
    }

    /** Batched QRs done since the engine was made, rejected blocks included (for the benchmark and tests). */
    public long orthonormalisations() {
        return orthonormalisations;
    }

    /** Batched time steps advanced since the engine was made, warm-up and redone blocks included. */
    public long steps() {
        return steps;
    }

    @Override
    public SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings, SpectrumDeadline deadline) {
        return computeWeights(List.of(StackWeights.of(network)), inputs, settings, deadline).get(0);
    }

    @Override
    public List<SpectrumResult> computeAll(List<RecurrentNetwork> networks, Tensor inputs, SpectrumSettings settings) {
        List<StackWeights> weights = new ArrayList<>(networks.size());
        networks.forEach(n -> weights.add(StackWeights.of(n)));
        return computeWeights(weights, inputs, settings);
    }

    @Override
    public boolean onGpu() {
        return device.isGpu();
    }

    /** Spectra of {@code networks}, in their order; networks of one layout share a batch. */
    public List<SpectrumResult> computeWeights(List<StackWeights> networks, Tensor inputs, SpectrumSettings settings) {
        return computeWeights(networks, inputs, settings, SpectrumDeadline.NONE);
    }

    /** As {@link #computeWeights(List, Tensor, SpectrumSettings)}, all batches within one deadline. */
    public List<SpectrumResult> computeWeights(List<StackWeights> networks, Tensor inputs, SpectrumSettings settings,
                                               SpectrumDeadline deadline) {
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
            List<SpectrumResult> results = computeGroup(members, x, inputs.shape(), settings, deadline);
            for (int m = 0; m < group.size(); m++) {
                out[group.get(m)] = results.get(m);
            }
        }
        return List.of(out);
    }

    private List<SpectrumResult> computeGroup(List<StackWeights> nets, float[] x, int[] shape, SpectrumSettings s,
                                             SpectrumDeadline deadline) {
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
        int maxBlock = s.orthonormalizeEvery() == 0 ? DEFAULT_ORTHONORMALIZE_EVERY : s.orthonormalizeEvery();
        try (NDManager group = manager.newSubManager()) {
            BatchedStack stack = new BatchedStack(group, nets);
            int c = stack.checkpoints();
            Trajectory run = new Trajectory(group, stack, c, b, k, precision, panelWidth, maxBlock, deadline);
            NDArray inputs = group.create(x, new Shape(b, t, shape[2]));
            if (reference) {
                run.run(inputs, 0, Math.min(s.warmup(), t), true, false);
                run.run(inputs, 0, t, true, true);
            } else {
                run.run(inputs, 0, s.discard(), false, false);
                run.run(inputs, s.discard(), t, false, true);
            }
            orthonormalisations += run.orthonormalisations;
            steps += run.steps;
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

    /**
     * The evolving state of one batch: h (and c) per layer, the tangent basis Q, Σ ln R_tt in float64, and the
     * current block length.
     */
    private static final class Trajectory {
        private final BatchedStack stack;
        private final TangentPrecision precision;
        private final int panelWidth;
        private final int maxBlock;
        private final double floor;
        private final SpectrumDeadline deadline;
        private int block = 1;
        private long orthonormalisations;
        private long steps;
        private NDArray[] h;
        private NDArray[] cell;
        private NDArray q;
        private NDArray logSum;

        Trajectory(NDManager manager, BatchedStack stack, int c, int b, int k, TangentPrecision precision,
                   int panelWidth, int maxBlock, SpectrumDeadline deadline) {
            this.stack = stack;
            this.deadline = deadline;
            this.precision = precision;
            this.panelWidth = panelWidth;
            this.maxBlock = Math.max(1, maxBlock);
            this.floor = BatchedGramSchmidt.floor(precision.basisType);
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
            q = manager.eye(d).get(":, :{}", k).toType(precision.basisType, false).broadcast(new Shape(c, b, d, k)).duplicate();
            logSum = manager.zeros(new Shape(c, b, k), DataType.FLOAT64);
        }

        /**
         * Advances steps [from, to), orthonormalising at least every {@code block} steps and at {@code to}; with
         * {@code measure} the logs of R's diagonal are added to the sums. The deadline is checked after each block.
         */
        void run(NDArray inputs, int from, int to, boolean transposed, boolean measure) {
            int t = from;
            while (t < to) {
                int len = Math.min(block, to - t);
                if (!advance(inputs, t, len, transposed, measure)) {
                    block = 1;
                    run(inputs, t, t + len, transposed, measure);
                }
                deadline.check();
                t += len;
            }
        }

        /**
         * Steps [t, t + len): advance the states, push Q through the len Jacobians (or their transposes),
         * orthonormalise once and add ln R_tt if measured. Returns false, leaving everything as it was, for a block
         * of several steps that the guard rejects.
         */
        private boolean advance(NDArray inputs, int t, int len, boolean transposed, boolean measure) {
            NDArray[] oldH = h;
            NDArray[] oldCell = cell;
            NDArray oldQ = q;
            NDArray oldSum = logSum;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray[] hNow = h;
                NDArray[] cellNow = cell;
                NDArray z = q;
                for (int step = t; step < t + len; step++) {
                    BatchedStack.Step next = stack.step(inputs.get(":, {}, :", step), hNow, cellNow);
                    NDArray j = next.jacobian().toType(q.getDataType(), false);
                    z = (transposed ? j.transpose(0, 1, 3, 2) : j).matMul(z);
                    hNow = next.h();
                    cellNow = stack.hasCellState() ? next.cell() : cellNow;
                }
                BatchedGramSchmidt.Result qr = BatchedGramSchmidt.orthonormalize(z, panelWidth);
                steps += len;
                orthonormalisations++;
                if (maxBlock > 1) {
                    BlockStats stats = BlockStats.of(z, qr.rDiagonal());
                    if (len > 1 && !stats.trusted(precision.guardRatio, floor)) {
                        return false;
                    }
                    adaptBlock(stats, len);
                }
                h = hNow;
                cell = cellNow;
                q = qr.q();
                NDScope.unregister(h);
                if (stack.hasCellState()) {
                    NDScope.unregister(cell);
                }
                NDScope.unregister(q);
                if (measure) {
                    logSum = logSum.add(qr.rDiagonal().toType(DataType.FLOAT64, false).maximum(floor).log());
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
            return true;
        }

        /** Next block length: as long as the last block's widest per-step spread of R predicts the target spread. */
        private void adaptBlock(BlockStats stats, int len) {
            double spreadPerStep = stats.logSpread() / len;
            if (!(spreadPerStep < Double.POSITIVE_INFINITY)) {
                block = 1;
                return;
            }
            int fit = spreadPerStep <= 0 ? maxBlock : (int) Math.floor(Math.log(1.0 / precision.targetSpread) / spreadPerStep);
            block = Math.max(1, Math.min(maxBlock, fit));
        }

        private static void closeReplaced(NDArray[] old, NDArray[] now) {
            for (int l = 0; l < old.length; l++) {
                if (old[l] != now[l]) {
                    old[l].close();
                }
            }
        }
    }

    /**
     * The three numbers the block guard reads back from the device, each the worst over the batch: min over sequences
     * of min_j R_jj / max_j ‖z_j‖, the smallest R_jj, and max over sequences of ln(max_j R_jj / min_j R_jj).
     */
    private record BlockStats(double ratio, double smallest, double logSpread) {

        static BlockStats of(NDArray z, NDArray rDiagonal) {
            NDArray minR = rDiagonal.min(new int[] {2});
            NDArray maxNorm = z.norm(new int[] {2}).max(new int[] {2});
            NDArray spread = rDiagonal.max(new int[] {2}).div(minR).log();
            double[] v = NDArrays.stack(new NDList(minR.div(maxNorm).min(), minR.min(), spread.max()))
                    .toType(DataType.FLOAT64, false).toDoubleArray();
            return new BlockStats(v[0], v[1], v[2]);
        }

        /** Every sequence's R finite and its smallest R_jj within the guard ratio of its largest column norm. */
        boolean trusted(double guardRatio, double floor) {
            return Double.isFinite(logSpread) && ratio >= guardRatio && smallest >= floor / guardRatio;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
