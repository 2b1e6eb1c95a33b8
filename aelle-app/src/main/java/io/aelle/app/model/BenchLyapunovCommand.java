package io.aelle.app.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.HouseholderQr;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.model.lyapunov.VectorGemm;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Tensor;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench lyapunov}: the issue's timing table (LSTM, reference convention, warm-up 500, all exponents) on random
 * weights U(−1/√N, 1/√N) (PyTorch's default initialisation) and random inputs U(−1, 1), plus the dense kernels' rates.
 * One JSON line per case on stdout; progress on stderr.
 */
@Command(name = "lyapunov", mixinStandardHelpOptions = true,
        description = {"Times the CPU spectrum engine on the issue's cases and the dense kernels (GFLOP/s), one JSON line each.",
                "Figures are wall-clock on a shared machine: run it when the machine is quiet."})
public final class BenchLyapunovCommand implements Callable<Integer> {

    /** hidden, input, sequences, steps, target seconds. */
    private static final double[][] CASES = {{64, 28, 15, 28, 0.10}, {256, 82, 10, 100, 8}, {512, 82, 10, 100, 60}};

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "64,256,512", paramLabel = "N,...",
            description = "which cases of the table to run, by hidden size; default ${DEFAULT-VALUE}")
    List<Integer> sizes;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "R",
            description = "timed runs per case (best reported; cases over 5 s run once); default ${DEFAULT-VALUE}")
    int repeat;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "engine threads; default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--orthonormalize-every", defaultValue = "0", paramLabel = "M",
            description = "longest block between QRs (0 = engine default, 1 = every step); default ${DEFAULT-VALUE}")
    int orthonormalizeEvery;

    @Option(names = "--kernels", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also time the dense multiply and QR against EJML; default ${DEFAULT-VALUE}")
    boolean kernels;

    @Option(names = "--backend", defaultValue = "cpu", paramLabel = "cpu|djl",
            description = {"cpu: the Vector-API engine (the table above); djl: the batched DJL PyTorch engine, checkpoint",
                    "spectra per second for N = 64 and 512 at --batches checkpoints; default ${DEFAULT-VALUE}"})
    String backend;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu|gpu:K|auto",
            description = "DJL device (--backend djl); default ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--batches", split = ",", defaultValue = "1,16,128", paramLabel = "C,...",
            description = "checkpoints per batch (--backend djl); default ${DEFAULT-VALUE}")
    List<Integer> batches;

    @Option(names = "--precision", defaultValue = "MIXED", paramLabel = "MIXED|FLOAT32",
            description = "DJL tangent-basis precision (--backend djl); default ${DEFAULT-VALUE}")
    io.aelle.model.lyapunov.djl.TangentPrecision precision;

    @Option(names = "--panel", paramLabel = "P",
            description = {"DJL Gram–Schmidt panel width (--backend djl); 0 = column by column (one panel);",
                    "default " + io.aelle.model.lyapunov.djl.DjlSpectrumEngine.DEFAULT_PANEL_WIDTH})
    Integer panel;

    @Option(names = "--warmup", defaultValue = "" + SpectrumSettings.DEFAULT_WARMUP, paramLabel = "W",
            description = "warm-up steps (--backend djl; shortens the N = 512 case on a small machine); default ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--steps", defaultValue = "0", paramLabel = "T",
            description = "steps per sequence instead of each case's T (--backend djl; 0 = the case's); default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--max-seconds", defaultValue = "600", paramLabel = "S",
            description = "skip a DJL batch whose extrapolated time exceeds S; default ${DEFAULT-VALUE}")
    double maxSeconds;

    private final ObjectMapper json = new ObjectMapper();
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat < 1 || threads < 1) {
            throw new IllegalArgumentException("--repeat and --threads must be >= 1, got " + repeat + " and " + threads);
        }
        if (backend.equalsIgnoreCase("djl")) {
            int width = panel == null ? io.aelle.model.lyapunov.djl.DjlSpectrumEngine.DEFAULT_PANEL_WIDTH
                    : panel == 0 ? Integer.MAX_VALUE : panel;
            if (width < 0 || warmup < 0 || steps < 0) {
                throw new IllegalArgumentException("--panel, --warmup and --steps must be >= 0, got " + panel + ", "
                        + warmup + " and " + steps);
            }
            SpectrumSettings djlSettings = SpectrumSettings.defaults().withWarmup(warmup)
                    .withOrthonormalizeEvery(orthonormalizeEvery);
            new DjlLyapunovBench().run(device, precision, width, djlSettings, steps, sizes, batches, repeat, maxSeconds, out, err);
            return 0;
        }
        if (!backend.equalsIgnoreCase("cpu")) {
            throw new IllegalArgumentException("unknown --backend '" + backend + "'; expected cpu or djl");
        }
        if (kernels) {
            err.println("bench: dense kernels (Vector-API multiply and QR vs EJML) ...");
            err.flush();
            out.println(json.writeValueAsString(kernelRates()));
            out.flush();
        }
        SpectrumSettings settings = SpectrumSettings.defaults().withOrthonormalizeEvery(orthonormalizeEvery);
        for (double[] c : CASES) {
            int n = (int) c[0];
            if (!sizes.contains(n)) {
                continue;
            }
            int in = (int) c[1];
            int b = (int) c[2];
            int t = (int) c[3];
            RecurrentNetwork net = randomLstm(n, in, 1.0 / Math.sqrt(n), 42 + n);
            Tensor inputs = randomInputs(b, t, in, 7 + n);
            try (CpuSpectrumEngine engine = new CpuSpectrumEngine(threads)) {
                err.printf("bench: N=%d B=%d T=%d warming up the JIT ...%n", n, b, t);
                err.flush();
                // One sequence of the case, untimed, so the timed runs see compiled code.
                engine.compute(net, randomInputs(1, t, in, 1), settings);
                engine.setProgressListener(done -> {
                    err.printf("\rbench: N=%d sequence %d/%d ", n, done, b);
                    err.flush();
                });
                double best = Double.POSITIVE_INFINITY;
                double bestCpu = Double.POSITIVE_INFINITY;
                double flop = 0;
                long products = 0;
                long factorisations = 0;
                for (int r = 0; r < repeat; r++) {
                    engine.counters().clear();
                    long cpu0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    engine.compute(net, inputs, settings);
                    double s = (System.nanoTime() - t0) / 1e9;
                    double cs = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    err.printf("\rbench: N=%d run %d/%d: %.3f s%n", n, r + 1, repeat, s);
                    err.flush();
                    if (s < best) {
                        best = s;
                        bestCpu = cs;
                        flop = engine.counters().flops(net, net.stateSize());
                        products = engine.counters().products();
                        factorisations = engine.counters().factorisations();
                    }
                    if (s > 5) {
                        break;
                    }
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("case", "lstm_n" + n);
                line.put("arch", "lstm");
                line.put("hidden_size", n);
                line.put("input_size", in);
                line.put("sequences", b);
                line.put("steps", t);
                line.put("convention", Convention.REFERENCE.id());
                line.put("warmup", settings.warmup());
                line.put("exponents", n);
                line.put("threads", threads);
                line.put("orthonormalize_every", orthonormalizeEvery == 0 ? CpuSpectrumEngine.DEFAULT_ORTHONORMALIZE_EVERY : orthonormalizeEvery);
                line.put("seconds", best);
                line.put("thread_cpu_seconds", threads == 1 ? bestCpu : null);
                line.put("target_seconds", c[4]);
                line.put("meets_target", best <= c[4]);
                line.put("products", products);
                line.put("qr_factorisations", factorisations);
                line.put("gflop", flop / 1e9);
                line.put("gflops", flop / 1e9 / best);
                line.put("gflops_per_thread_cpu_second", threads == 1 ? flop / 1e9 / bestCpu : null);
                out.println(json.writeValueAsString(line));
                out.flush();
            }
        }
        return 0;
    }

    private ObjectNode kernelRates() {
        ObjectNode o = json.createObjectNode();
        o.put("case", "dense_kernels");
        double bestMul = 0;
        int bestN = 0;
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {256, 512, 1024}) {
            double[] a = uniform(rnd, n * n);
            double[] b = uniform(rnd, n * n);
            double[] c = new double[n * n];
            VectorGemm k = new VectorGemm();
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < (n > 512 ? 6 : 20); r++) {
                long t0 = System.nanoTime();
                k.multiply(a, n, n, b, false, n, c);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double rate = 2.0 * n * n * n / best / 1e9;
            o.put("matmul_gflops_n" + n, rate);
            if (rate > bestMul) {
                bestMul = rate;
                bestN = n;
            }
        }
        o.put("matmul_best_gflops", bestMul);
        o.put("matmul_best_n", bestN);
        int n = 512;
        double[] z = uniform(rnd, n * n);
        double[] work = new double[n * n];
        double[] q = new double[n * n];
        double[] r = new double[n];
        HouseholderQr k = new HouseholderQr();
        double bestQr = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 10; rep++) {
            System.arraycopy(z, 0, work, 0, z.length);
            long t0 = System.nanoTime();
            k.factor(work, n, n, q, r, null);
            bestQr = Math.min(bestQr, (System.nanoTime() - t0) / 1e9);
        }
        double qrFlop = 4.0 * n * n * n - 4.0 / 3 * n * n * n;
        o.put("qr_with_q_gflops_n512", qrFlop / bestQr / 1e9);

        DMatrixRMaj ea = RandomMatrices_DDRM.rectangle(n, n, -1, 1, new java.util.Random(1));
        DMatrixRMaj eb = RandomMatrices_DDRM.rectangle(n, n, -1, 1, new java.util.Random(2));
        DMatrixRMaj ec = new DMatrixRMaj(n, n);
        double bestE = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            CommonOps_DDRM.mult(ea, eb, ec);
            bestE = Math.min(bestE, (System.nanoTime() - t0) / 1e9);
        }
        o.put("ejml_matmul_gflops_n512", 2.0 * n * n * n / bestE / 1e9);
        DMatrixRMaj eq = new DMatrixRMaj(n, n);
        double bestEq = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 4; rep++) {
            QRDecomposition<DMatrixRMaj> dec = DecompositionFactory_DDRM.qr(n, n);
            DMatrixRMaj copy = ea.copy();
            long t0 = System.nanoTime();
            dec.decompose(copy);
            dec.getQ(eq, true);
            bestEq = Math.min(bestEq, (System.nanoTime() - t0) / 1e9);
        }
        o.put("ejml_qr_with_q_gflops_n512", qrFlop / bestEq / 1e9);
        return o;
    }

    private static double[] uniform(SplittableRandom rnd, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        return d;
    }

    /** A one-layer LSTM with PyTorch names and every weight and bias U(−p, p). */
    static RecurrentNetwork randomLstm(int hidden, int input, double p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        int rows = 4 * hidden;
        m.put("weight_ih_l0", new Tensor("weight_ih_l0", new int[] {rows, input}, scaled(rnd, rows * input, p)));
        m.put("weight_hh_l0", new Tensor("weight_hh_l0", new int[] {rows, hidden}, scaled(rnd, rows * hidden, p)));
        m.put("bias_ih_l0", new Tensor("bias_ih_l0", new int[] {rows}, scaled(rnd, rows, p)));
        m.put("bias_hh_l0", new Tensor("bias_hh_l0", new int[] {rows}, scaled(rnd, rows, p)));
        return RecurrentNetwork.fromTensors(m, "lstm", "");
    }

    static Tensor randomInputs(int b, int t, int in, long seed) {
        return new Tensor("inputs", new int[] {b, t, in}, scaled(new SplittableRandom(seed), b * t * in, 1.0));
    }

    private static double[] scaled(SplittableRandom rnd, int n, double p) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextDouble(-p, p);
        }
        return d;
    }
}
