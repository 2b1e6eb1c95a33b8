package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import java.util.Locale;

/**
 * The floating-point work of one spectrum, estimated before any compute from the network's layout, the probe's
 * B and T and the settings, so that a checkpoint too large to analyse in time can be refused at once.
 *
 * <p>Per sequence the QR iteration advances {@link #steps} steps (reference: min(W, T) warm-up steps, then all T
 * again; benettin: T, the discarded ones included). Each step costs the forward pass 2gN(N + I_l) and the Jacobian
 * 2gN² per layer, the product J·Q (2·S²·k) and one thin QR of an S × k matrix (4k²S − 4k³/3: Householder plus
 * forming Q). One QR per step is the textbook count and the DJL engine's default; the CPU engine factorises once per
 * block of up to 8 steps (a redone block costs that block twice), so for it the estimate is an upper bound of
 * about twice its work on a large N. The same formulas count the work the CPU engine actually did
 * ({@link CpuSpectrumEngine.WorkCounters#flops}).
 *
 * @param flops the estimated floating-point operations
 */
public record SpectrumCost(double flops, String what) {

    /** The estimate for {@code network} driven by B sequences of T steps with {@code settings}. */
    public static SpectrumCost estimate(RecurrentNetwork network, int b, int t, SpectrumSettings settings) {
        int k = CpuSpectrumEngine.exponents(network, settings);
        double perStep = stepFlops(network) + productFlops(network.stateSize(), k) + qrFlops(network.stateSize(), k);
        long steps = steps(t, settings);
        String what = String.format(Locale.ROOT, "%s N=%d x %d layer(s), I=%d, k=%d exponents, B=%d x %d steps (T=%d, %s)",
                network.arch().id(), network.hiddenSize(), network.layers(), network.inputSize(), k, b, steps, t,
                settings.convention() == Convention.REFERENCE ? "warm-up " + Math.min(settings.warmup(), t) : "discard " + settings.discard());
        return new SpectrumCost((double) b * steps * perStep, what);
    }

    /** Steps advanced per sequence, warm-up included. */
    public static long steps(int t, SpectrumSettings settings) {
        return settings.convention() == Convention.REFERENCE ? (long) Math.min(settings.warmup(), t) + t : t;
    }

    /** The forward pass and the Jacobian of one step, all layers: Σ_l 2gN(N + I_l) + 2gN². */
    static double stepFlops(RecurrentNetwork network) {
        double n = network.hiddenSize();
        double g = network.arch().gates();
        double perStep = 0;
        for (int l = 0; l < network.layers(); l++) {
            double in = l == 0 ? network.inputSize() : n;
            perStep += 2 * g * n * (n + in) + 2 * g * n * n;
        }
        return perStep;
    }

    /** One product J·Q of the S × S Jacobian and the S × k basis. */
    static double productFlops(double s, double k) {
        return 2.0 * s * s * k;
    }

    /** One thin QR of an S × k matrix with Q formed. */
    static double qrFlops(double s, double k) {
        return 4.0 * k * k * s - 4.0 / 3 * k * k * k;
    }

    public double gflop() {
        return flops / 1e9;
    }

    @Override
    public String toString() {
        return gflopText(gflop()) + " (" + what + ")";
    }

    /** "1892.3 GFLOP", "0.0145 GFLOP": readable whatever the size. */
    static String gflopText(double gflop) {
        return String.format(Locale.ROOT, gflop >= 1 ? "%.1f GFLOP" : "%.3g GFLOP", gflop);
    }
}
