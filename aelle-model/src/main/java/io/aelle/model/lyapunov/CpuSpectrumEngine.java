package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Lyapunov spectra on the CPU in double precision (Vector-API matrix products, Householder QR).
 *
 * <p>Each sequence is computed on its own, start to end, by one thread with its own workspace, so a sequence's
 * spectrum is bit-identical whatever the thread count and whichever sequences share its batch; threads only
 * pick which sequence to do next, and the mean is summed in sequence order.
 *
 * <p>Both {@link Convention}s start from h0 = c0 = 0 and Q0 = the first k columns of the identity. |R_tt| is
 * floored at {@link Double#MIN_NORMAL} before the log, so an exponent is never −∞ (a direction contracted beyond
 * what a double can hold reads as ≈ −708 nats per step).
 */
public final class CpuSpectrumEngine implements SpectrumEngine {

    /** Largest block of steps between orthonormalisations when the settings leave it to the engine (measured). */
    public static final int DEFAULT_ORTHONORMALIZE_EVERY = 8;

    private static final double LN2 = StrictMath.log(2.0);
    /** Largest S² accepted (a 16384-dimensional state: a 2 GiB Jacobian). */
    public static final long MAX_JACOBIAN_ELEMENTS = 16384L * 16384L;

    private final int threads;
    private final ExecutorService pool;
    private final WorkCounters counters = new WorkCounters();
    private volatile IntConsumer progress = done -> { };

    /** Single-threaded: on this project's machine a second thread barely adds floating-point throughput. */
    public CpuSpectrumEngine() {
        this(1);
    }

    public CpuSpectrumEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "spectrum-worker");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public int threads() {
        return threads;
    }

    /** Called with the number of sequences finished so far in the current {@link #compute} (for progress bars). */
    public void setProgressListener(IntConsumer listener) {
        this.progress = listener == null ? done -> { } : listener;
    }

    @Override
    public SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings, SpectrumDeadline deadline) {
        validate(network, inputs, settings);
        int b = inputs.dim(0);
        double[][] perSequence = new double[b][];
        AtomicInteger finished = new AtomicInteger();
        IntConsumer listener = progress;
        if (pool == null || b == 1) {
            QrIteration it = iteration(network, settings, deadline);
            for (int i = 0; i < b; i++) {
                perSequence[i] = sequence(it, network, inputs, i, settings);
                listener.accept(finished.incrementAndGet());
            }
            counters.add(it);
        } else {
            AtomicInteger nextSequence = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < Math.min(threads, b); w++) {
                futures.add(pool.submit(() -> {
                    QrIteration it = iteration(network, settings, deadline);
                    for (int i = nextSequence.getAndIncrement(); i < b; i = nextSequence.getAndIncrement()) {
                        perSequence[i] = sequence(it, network, inputs, i, settings);
                        listener.accept(finished.incrementAndGet());
                    }
                    counters.add(it);
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("spectrum computation interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return SpectrumResult.ofPerSequence(perSequence);
    }

    /** Exponents tracked: all (stateSize) unless the settings ask for the first k. */
    public static int exponents(RecurrentNetwork network, SpectrumSettings settings) {
        return settings.exponents() == 0 ? network.stateSize() : settings.exponents();
    }

    private static QrIteration iteration(RecurrentNetwork network, SpectrumSettings settings, SpectrumDeadline deadline) {
        int m = settings.orthonormalizeEvery() == 0 ? DEFAULT_ORTHONORMALIZE_EVERY : settings.orthonormalizeEvery();
        return new QrIteration(network, exponents(network, settings), settings.convention(), m, deadline);
    }

    private static double[] sequence(QrIteration it, RecurrentNetwork network, Tensor inputs, int seq, SpectrumSettings settings) {
        int t = inputs.dim(1);
        int offset = seq * t * network.inputSize();
        double[] x = inputs.data();
        it.reset();
        double[] spectrum;
        if (settings.convention() == Convention.REFERENCE) {
            int warm = Math.min(settings.warmup(), t);
            if (warm > 0) {
                it.run(x, offset, 0, warm, false);
            }
            it.run(x, offset, 0, t, true);
            spectrum = it.logSums().clone();
            for (int j = 0; j < spectrum.length; j++) {
                spectrum[j] = spectrum[j] / LN2 / t;
            }
        } else {
            int d = settings.discard();
            if (d > 0) {
                it.run(x, offset, 0, d, false);
            }
            it.run(x, offset, d, t, true);
            spectrum = it.logSums().clone();
            for (int j = 0; j < spectrum.length; j++) {
                spectrum[j] = spectrum[j] / (t - d);
            }
        }
        return spectrum;
    }

    /** Shapes, sizes and finiteness of the inputs against the network and settings; clear messages. */
    public static void validate(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings) {
        if (inputs.rank() != 3) {
            throw new IllegalArgumentException("inputs must have shape (B, T, I), got " + inputs.shapeString());
        }
        if (inputs.dim(0) < 1 || inputs.dim(1) < 1) {
            throw new IllegalArgumentException("inputs " + inputs.shapeString() + " hold no sequence or no step");
        }
        if (inputs.dim(2) != network.inputSize()) {
            throw new IllegalArgumentException("inputs have " + inputs.dim(2) + " features per step (shape "
                    + inputs.shapeString() + ") but the network's weight_ih_l0 expects " + network.inputSize());
        }
        long s = network.stateSize();
        if (s * s > MAX_JACOBIAN_ELEMENTS) {
            throw new IllegalArgumentException("state size " + s + " (" + network.layers() + " layers × " + network.hiddenSize()
                    + ") is too large: its Jacobian would need " + s * s + " doubles, the limit is " + MAX_JACOBIAN_ELEMENTS);
        }
        int k = settings.exponents();
        if (k > network.stateSize()) {
            throw new IllegalArgumentException("asked for " + k + " exponents but the state has only "
                    + network.stateSize() + " dimensions");
        }
        if (settings.convention() == Convention.BENETTIN && settings.discard() >= inputs.dim(1)) {
            throw new IllegalArgumentException("discard " + settings.discard() + " leaves no step to average over T = "
                    + inputs.dim(1) + " steps");
        }
        double[] d = inputs.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("inputs hold a non-finite value (" + d[i] + ") at flat index " + i);
            }
        }
    }

    /** Work done since the engine was made (for the benchmark's GFLOP/s). */
    public WorkCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Running totals of the iteration's work, summed over threads. */
    public static final class WorkCounters {
        private long jacobians;
        private long products;
        private long factorisations;

        synchronized void add(QrIteration it) {
            jacobians += it.jacobians();
            products += it.products();
            factorisations += it.factorisations();
        }

        public synchronized long jacobians() {
            return jacobians;
        }

        public synchronized long products() {
            return products;
        }

        public synchronized long factorisations() {
            return factorisations;
        }

        /**
         * Floating-point operations of the work counted, for a network tracking k exponents, by
         * {@link SpectrumCost}'s formulas: per product J·Q, per QR, and per step the forward pass and the Jacobian.
         */
        public synchronized double flops(RecurrentNetwork network, int k) {
            double s = network.stateSize();
            return products * SpectrumCost.productFlops(s, k) + factorisations * SpectrumCost.qrFlops(s, k)
                    + jacobians * SpectrumCost.stepFlops(network);
        }

        public synchronized void clear() {
            jacobians = 0;
            products = 0;
            factorisations = 0;
        }
    }
}
