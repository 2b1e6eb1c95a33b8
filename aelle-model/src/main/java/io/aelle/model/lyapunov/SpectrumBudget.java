package io.aelle.model.lyapunov;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * How much work one checkpoint's spectrum may take: a limit on the estimated work ({@link SpectrumCost}), checked
 * before any compute, and a time limit the engine checks between QR blocks ({@link SpectrumDeadline}).
 *
 * <p>Defaults. CPU engine (and the DJL engine on the CPU): {@value #CPU_MAX_GFLOP} GFLOP, between the largest case of
 * the paper's studies, CharRNN LSTM-512 with its probe (B = 15, T = 100, I = 82, warm-up 500 → 1,892 GFLOP), and the
 * cheapest N = 1024 case, LSTM-1024 with the SMNIST probe (B = 15, T = 28, I = 28 → 4,223 GFLOP); any N ≥ 1024 (or
 * state size ≥ 1024) with a study's probe is refused. DJL engine on a GPU: {@value #GPU_MAX_GFLOP} GFLOP (LSTM-2048
 * with the SMNIST probe, 33,800 GFLOP, passes), assuming about 2 TFLOP/s sustained in float64 (not measured here).
 * Time limit {@value #DEFAULT_MAX_SECONDS} s on either.
 *
 * @param maxGflop   the most estimated GFLOP a spectrum may cost (positive; infinity: no limit)
 * @param maxSeconds the most seconds a spectrum may run (positive; infinity: no limit)
 */
public record SpectrumBudget(double maxGflop, double maxSeconds) implements Serializable {

    public static final double CPU_MAX_GFLOP = 3000;
    public static final double GPU_MAX_GFLOP = 100_000;
    public static final double DEFAULT_MAX_SECONDS = 60;
    public static final SpectrumBudget UNLIMITED = new SpectrumBudget(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public SpectrumBudget {
        if (!(maxGflop > 0) || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("spectrum limits must be > 0, got " + maxGflop + " GFLOP and " + maxSeconds + " s");
        }
    }

    /** The defaults for {@code engine}: the GPU's for a DJL engine on a GPU, else the CPU's. */
    public static SpectrumBudget defaultsFor(SpectrumEngine engine) {
        return new SpectrumBudget(engine.onGpu() ? GPU_MAX_GFLOP : CPU_MAX_GFLOP, DEFAULT_MAX_SECONDS);
    }

    /** These limits with the given ones replacing them where not null (command-line options left unset are null). */
    public SpectrumBudget with(Double gflop, Double seconds) {
        return new SpectrumBudget(gflop != null ? gflop : maxGflop, seconds != null ? seconds : maxSeconds);
    }

    /**
     * The estimate for {@code network} driven by B sequences of T steps.
     *
     * @throws SpectrumBudgetException ({@link SpectrumBudgetException.Kind#TOO_COSTLY}) above {@link #maxGflop}
     */
    public SpectrumCost requireAffordable(RecurrentNetwork network, int b, int t, SpectrumSettings settings) {
        SpectrumCost cost = SpectrumCost.estimate(network, b, t, settings);
        if (cost.gflop() > maxGflop) {
            throw new SpectrumBudgetException(SpectrumBudgetException.Kind.TOO_COSTLY, String.format(Locale.ROOT,
                    "estimated %s is over the limit of %s (--max-spectrum-gflop)", cost, SpectrumCost.gflopText(maxGflop)));
        }
        return cost;
    }

    /** A deadline {@link #maxSeconds} from now. */
    public SpectrumDeadline startDeadline() {
        return Double.isInfinite(maxSeconds) ? SpectrumDeadline.NONE : SpectrumDeadline.after(Duration.ofNanos((long) (maxSeconds * 1e9)));
    }
}
