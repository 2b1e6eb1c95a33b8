package io.aelle.app.model;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.model.lyapunov.djl.DjlRuntime;
import io.aelle.model.lyapunov.djl.DjlSpectrumEngine;
import io.aelle.model.lyapunov.djl.StackWeights;
import io.aelle.model.lyapunov.djl.TangentPrecision;
import io.aelle.wire.checkpoint.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The DJL backend's part of {@code bench lyapunov --backend djl}: checkpoint spectra per second for the issue's
 * cases (LSTM, reference convention, warm-up 500, all exponents; N = 64 with B = 15, T = 28 and N = 512 with B = 10,
 * T = 100) at several checkpoint batch sizes C, on random weights (PyTorch's default initialisation) and random
 * inputs U(−1, 1). One JSON line per (N, C) on {@code out}; progress on {@code err}. A batch whose time, extrapolated
 * linearly from the previous batch size, would exceed {@code maxSeconds} is reported as skipped instead of run.
 * The Gram–Schmidt panel width, the longest block between orthonormalisations, the warm-up and the steps per
 * sequence are parameters so that variants can be compared (and the N = 512 case shortened on a small machine); each
 * line records them.
 */
public final class DjlLyapunovBench {

    /** hidden, input, sequences, steps. */
    private static final int[][] CASES = {{64, 28, 15, 28}, {512, 82, 10, 100}};

    private final ObjectMapper json = new ObjectMapper();

    public void run(String deviceSpec, TangentPrecision precision, int panelWidth, SpectrumSettings settings,
                    int stepsOverride, List<Integer> sizes, List<Integer> batches, int repeat, double maxSeconds, PrintWriter out,
                    PrintWriter err) throws Exception {
        err.println("bench: loading the DJL PyTorch engine ...");
        err.flush();
        Device device = DjlRuntime.device(deviceSpec);
        try (DjlSpectrumEngine engine = new DjlSpectrumEngine(device, precision, panelWidth)) {
            for (int[] c : CASES) {
                int n = c[0];
                if (!sizes.contains(n)) {
                    continue;
                }
                int in = c[1];
                int b = c[2];
                int t = stepsOverride > 0 ? stepsOverride : c[3];
                Tensor inputs = inputs(b, t, in, 7 + n);
                err.printf("bench: N=%d warming up (1 checkpoint, 2 steps replayed once) ...%n", n);
                err.flush();
                long w0 = System.nanoTime();
                engine.computeWeights(List.of(StackWeights.random(Arch.LSTM, 1, n, in, 1.0, 1)), inputs(b, 2, in, 3), settings);
                err.printf("bench: N=%d warm-up took %.2f s (%d steps of 1 checkpoint × %d sequences)%n", n,
                        (System.nanoTime() - w0) / 1e9, Math.min(settings.warmup(), 2) + 2, b);
                err.flush();
                double previousPerCheckpoint = 0;
                for (int batch : batches) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("case", "lstm_n" + n);
                    line.put("backend", "djl");
                    line.put("device", device.toString());
                    line.put("precision", precision.name().toLowerCase(java.util.Locale.ROOT));
                    line.put("hidden_size", n);
                    line.put("input_size", in);
                    line.put("sequences", b);
                    line.put("steps", t);
                    line.put("warmup", settings.warmup());
                    line.put("panel_width", Math.min(panelWidth, n));
                    line.put("orthonormalize_every", settings.orthonormalizeEvery() == 0
                            ? DjlSpectrumEngine.DEFAULT_ORTHONORMALIZE_EVERY : settings.orthonormalizeEvery());
                    line.put("checkpoints", batch);
                    double estimate = previousPerCheckpoint * batch;
                    if (estimate > maxSeconds) {
                        line.put("skipped", String.format("estimated %.0f s > --max-seconds %.0f", estimate, maxSeconds));
                        out.println(json.writeValueAsString(line));
                        out.flush();
                        continue;
                    }
                    List<StackWeights> nets = new ArrayList<>(batch);
                    for (int k = 0; k < batch; k++) {
                        nets.add(StackWeights.random(Arch.LSTM, 1, n, in, 1.0, 1000L * n + k));
                    }
                    double best = Double.POSITIVE_INFINITY;
                    long qr0 = engine.orthonormalisations();
                    long steps0 = engine.steps();
                    for (int r = 0; r < repeat; r++) {
                        long t0 = System.nanoTime();
                        engine.computeWeights(nets, inputs, settings);
                        double s = (System.nanoTime() - t0) / 1e9;
                        err.printf("bench: N=%d C=%d run %d/%d: %.3f s (%.1f spectra/s)%n", n, batch, r + 1, repeat, s, batch / s);
                        err.flush();
                        best = Math.min(best, s);
                        if (s > 5) {
                            break;
                        }
                    }
                    previousPerCheckpoint = best / batch;
                    line.put("qr_per_step", (double) (engine.orthonormalisations() - qr0) / (engine.steps() - steps0));
                    line.put("seconds", best);
                    line.put("spectra_per_second", batch / best);
                    out.println(json.writeValueAsString(line));
                    out.flush();
                }
            }
        }
    }

    private static Tensor inputs(int b, int t, int in, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[b * t * in];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        return new Tensor("inputs", new int[] {b, t, in}, d);
    }
}
