package io.aelle.model.embedding;

/**
 * The prediction head's target: t = (ln(loss) − mean) / std. Final losses span orders of magnitude, so the
 * head regresses their logarithm; {@link #inverse} maps a prediction back to a loss.
 */
public record TargetScale(double mean, double std) {

    private static final double FLOOR = 1e-12;

    public TargetScale {
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("target scale needs a finite mean and std > 0, got " + mean + ", " + std);
        }
    }

    public static TargetScale fit(double[] losses) {
        double m = 0;
        for (double l : losses) {
            m += Math.log(Math.max(l, FLOOR)) / losses.length;
        }
        double v = 0;
        for (double l : losses) {
            double d = Math.log(Math.max(l, FLOOR)) - m;
            v += d * d / losses.length;
        }
        return new TargetScale(m, v > 1e-24 ? Math.sqrt(v) : 1.0);
    }

    public double forward(double loss) {
        return (Math.log(Math.max(loss, FLOOR)) - mean) / std;
    }

    public double inverse(double t) {
        return Double.isNaN(t) ? Double.NaN : Math.exp(t * std + mean);
    }
}
