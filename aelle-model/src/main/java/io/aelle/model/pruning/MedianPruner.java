package io.aelle.model.pruning;

import io.aelle.model.dataset.LossThresholdRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Optuna's {@code MedianPruner} (a {@code PercentilePruner} at 50), minimising validation loss.
 * <p>Algorithm: until {@code startupRuns} runs have completed, or before epoch {@code warmupEpochs}, never stop.
 * Otherwise take the validation losses that the completed runs reported at the same epoch and their median (linear
 * interpolation between the middle two, as {@code numpy.nanpercentile}); stop the run when its best validation loss so
 * far (Optuna compares the trial's best intermediate value, which for a falling loss is the current one) is worse
 * (greater) than that median. With no completed value at that epoch the run continues. Defaults are Optuna's
 * {@code n_startup_trials=5}, {@code n_warmup_steps} 1 epoch (epoch 0 is the untrained checkpoint).
 */
public final class MedianPruner implements Pruner {

    public static final int DEFAULT_STARTUP_RUNS = 5;
    public static final int DEFAULT_WARMUP_EPOCHS = 1;

    private final int startupRuns;
    private final int warmupEpochs;
    private final List<Trial> completed = new ArrayList<>();

    public MedianPruner(int startupRuns, int warmupEpochs) {
        if (startupRuns < 0 || warmupEpochs < 0) {
            throw new IllegalArgumentException("median pruner: startup runs and warm-up epochs must be >= 0");
        }
        this.startupRuns = startupRuns;
        this.warmupEpochs = warmupEpochs;
    }

    public static MedianPruner optunaDefaults() {
        return new MedianPruner(DEFAULT_STARTUP_RUNS, DEFAULT_WARMUP_EPOCHS);
    }

    @Override
    public String name() {
        return "median";
    }

    @Override
    public boolean stop(Trial run, int epoch) {
        if (completed.size() < startupRuns || epoch < warmupEpochs) {
            return false;
        }
        double best = run.bestValLossUpTo(epoch);
        double median = median(completed.stream().mapToDouble(t -> t.valLossAt(epoch)).filter(Double::isFinite).toArray());
        return Double.isFinite(best) && Double.isFinite(median) && best > median;
    }

    @Override
    public void completed(Trial run) {
        completed.add(run);
    }

    /** The median (mean of the middle two for an even count); NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return LossThresholdRule.median(s);
    }
}
