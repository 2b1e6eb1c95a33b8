package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import java.util.Arrays;

/**
 * The Benettin/QR iteration for one input sequence: the workspace of one thread, reused sequence after sequence
 * (every buffer that carries over is re-initialised, so results never depend on what ran before).
 *
 * <p>Tangent vectors are kept by columns: row j of {@code basis} is q_j, so Zᵀ = Qᵀ·J (reference, Z = Jᵀ Q) or
 * Qᵀ·Jᵀ (benettin, Z = J Q) is one row-major matrix product and the QR works on contiguous columns.
 *
 * <p>Orthonormalising every m steps: the product of the R factors of successive QRs equals the R of one QR of
 * the product (QR with positive diagonal is unique), so a block of m steps can be multiplied out and factorised
 * once. Guards keep it honest in floating point: the block length adapts so that the predicted spread of the
 * block's R diagonal stays within {@link #TARGET_SPREAD}, and a block whose smallest R_jj falls below
 * {@link #GUARD_RATIO} times its largest column norm (or that over/underflows) is recomputed step by step.
 */
final class QrIteration {

    /** Aimed-for ratio min_j R_jj / max_j R_jj of a block (the lower exponents keep ~10 of 16 digits). */
    static final double TARGET_SPREAD = 1e-6;
    /** Below this ratio min_j R_jj / max_j ‖z_j‖ a block is redone step by step. */
    static final double GUARD_RATIO = 1e-8;

    private final RecurrentNetwork network;
    private final RecurrentNetwork.State state;
    private final int s;
    private final int k;
    private final boolean transposed;
    private final int maxBlock;
    private final SpectrumDeadline deadline;
    private final VectorGemm gemm = new VectorGemm();
    private final HouseholderQr qr = new HouseholderQr();
    private final double[] jacobian;
    private final double[] basis;
    private final double[] work;
    private final double[] next;
    private final double[] savedBasis;
    private final double[] savedH;
    private final double[] savedC;
    private final double[] rDiag;
    private final double[] colNorms;
    private final double[] logSums;
    private int block;
    /** Work counters for the benchmark: Jacobians formed, products J·Q, QR factorisations (any size k). */
    private long jacobians;
    private long products;
    private long factorisations;

    QrIteration(RecurrentNetwork network, int exponents, Convention convention, int maxBlock) {
        this(network, exponents, convention, maxBlock, SpectrumDeadline.NONE);
    }

    /** @param deadline checked after every QR (between blocks) */
    QrIteration(RecurrentNetwork network, int exponents, Convention convention, int maxBlock, SpectrumDeadline deadline) {
        this.network = network;
        this.deadline = deadline;
        this.state = network.newState();
        this.s = network.stateSize();
        this.k = exponents;
        this.transposed = convention == Convention.BENETTIN;
        this.maxBlock = Math.max(1, maxBlock);
        this.jacobian = new double[s * s];
        this.basis = new double[k * s];
        this.work = new double[k * s];
        this.next = new double[k * s];
        this.savedBasis = new double[k * s];
        this.savedH = new double[s];
        this.savedC = new double[s];
        this.rDiag = new double[k];
        this.colNorms = new double[k];
        this.logSums = new double[k];
    }

    /** Starts a sequence: h = c = 0, Q = the first k columns of the identity, sums cleared. */
    void reset() {
        state.reset();
        Arrays.fill(basis, 0.0);
        for (int j = 0; j < k; j++) {
            basis[j * s + j] = 1.0;
        }
        Arrays.fill(logSums, 0.0);
        block = 1;
    }

    /**
     * Advances steps [from, to) of the sequence starting at {@code inputs[offset]} (I values per step),
     * orthonormalising at {@code to}; with {@code measure} the logs of R's diagonal are added to the sums.
     */
    void run(double[] inputs, int offset, int from, int to, boolean measure) {
        int in = network.inputSize();
        int t = from;
        while (t < to) {
            int len = Math.min(block, to - t);
            if (len > 1) {
                System.arraycopy(basis, 0, savedBasis, 0, k * s);
                state.hidden(savedH);
                state.cell(savedC);
            }
            double[] current = basis;
            for (int step = 0; step < len; step++) {
                state.advance(inputs, offset + (t + step) * in);
                state.jacobian(jacobian);
                jacobians++;
                double[] out = step % 2 == 0 ? work : next;
                gemm.multiply(current, k, s, jacobian, transposed, s, out);
                products++;
                current = out;
            }
            qr.factor(current, k, s, basis, rDiag, len > 1 ? colNorms : null);
            factorisations++;
            deadline.check();
            if (len > 1 && !blockTrusted()) {
                System.arraycopy(savedBasis, 0, basis, 0, k * s);
                state.load(savedH, savedC);
                block = 1;
                run(inputs, offset, t, t + len, measure);
                t += len;
                continue;
            }
            if (measure) {
                // StrictMath (here and in the network's activations): the same bits interpreted or compiled.
                for (int j = 0; j < k; j++) {
                    logSums[j] += StrictMath.log(Math.max(rDiag[j], Double.MIN_NORMAL));
                }
            }
            adaptBlock(len);
            t += len;
        }
    }

    private boolean blockTrusted() {
        double minR = Double.POSITIVE_INFINITY;
        double maxNorm = 0.0;
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(rDiag[j]) || !Double.isFinite(colNorms[j])) {
                return false;
            }
            minR = Math.min(minR, rDiag[j]);
            maxNorm = Math.max(maxNorm, colNorms[j]);
        }
        return minR >= GUARD_RATIO * maxNorm && minR >= Double.MIN_NORMAL / GUARD_RATIO;
    }

    /** Next block length: as long as the last block's per-step spread of R predicts ≥ TARGET_SPREAD. */
    private void adaptBlock(int len) {
        if (maxBlock == 1) {
            return;
        }
        double maxR = 0.0;
        double minR = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            maxR = Math.max(maxR, rDiag[j]);
            minR = Math.min(minR, rDiag[j]);
        }
        if (!(minR > 0) || !Double.isFinite(maxR)) {
            block = 1;
            return;
        }
        double spreadPerStep = StrictMath.log(maxR / minR) / len;
        int fit = spreadPerStep <= 0 ? maxBlock : (int) Math.floor(StrictMath.log(1.0 / TARGET_SPREAD) / spreadPerStep);
        block = Math.max(1, Math.min(maxBlock, fit));
    }

    /** Natural-log sums of the measured R_jj. */
    double[] logSums() {
        return logSums;
    }

    long jacobians() {
        return jacobians;
    }

    long products() {
        return products;
    }

    long factorisations() {
        return factorisations;
    }
}
