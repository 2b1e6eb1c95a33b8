package io.aelle.model.pruning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter Tuning", 2020) as
 * Optuna's {@code SuccessiveHalvingPruner} applies it, minimising validation loss.
 * <p>Algorithm: rung k sits at epoch {@code minEpochs · η^k} (η = reduction factor; 1, 3, 9, … for the defaults).
 * When a run reaches a rung's epoch it records its validation loss there, and is compared with every value recorded at
 * that rung so far by any run, stopped or not, itself included: it goes on to the next rung only if it is among the
 * best {@code ⌊n/η⌋} of those n values (the best one when n < η); otherwise it stops. Nothing waits for a rung to fill,
 * so early arrivals are judged against few others: that is the asynchronous part. Defaults: η = 3, minimum 1 epoch.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    public static final int DEFAULT_REDUCTION_FACTOR = 3;
    public static final int DEFAULT_MIN_EPOCHS = 1;

    private final int reductionFactor;
    private final int minEpochs;
    /** Values recorded at each rung, by any run. */
    private final Map<Integer, List<Double>> rungValues = new HashMap<>();
    /** The next rung each run has still to pass. */
    private final Map<String, Integer> nextRung = new HashMap<>();

    public SuccessiveHalvingPruner(int reductionFactor, int minEpochs) {
        if (reductionFactor < 2 || minEpochs < 1) {
            throw new IllegalArgumentException("asha: reduction factor must be >= 2 and minimum epochs >= 1, got "
                    + reductionFactor + " and " + minEpochs);
        }
        this.reductionFactor = reductionFactor;
        this.minEpochs = minEpochs;
    }

    public static SuccessiveHalvingPruner defaults() {
        return new SuccessiveHalvingPruner(DEFAULT_REDUCTION_FACTOR, DEFAULT_MIN_EPOCHS);
    }

    @Override
    public String name() {
        return "asha";
    }

    /** The epoch of rung k: minEpochs · η^k. */
    long rungEpoch(int rung) {
        long e = minEpochs;
        for (int i = 0; i < rung; i++) {
            e *= reductionFactor;
        }
        return e;
    }

    @Override
    public boolean stop(Trial run, int epoch) {
        double value = run.valLossAt(epoch);
        if (!Double.isFinite(value)) {
            return false;   // no loss at this checkpoint: nothing to compare (Optuna skips it too)
        }
        int rung = nextRung.getOrDefault(run.runId(), 0);
        while (epoch >= rungEpoch(rung)) {
            List<Double> competing = rungValues.computeIfAbsent(rung, k -> new ArrayList<>());
            competing.add(value);
            if (!promotable(value, competing)) {
                nextRung.put(run.runId(), rung + 1);
                return true;
            }
            rung++;
        }
        nextRung.put(run.runId(), rung);
        return false;
    }

    /** Among the best ⌊n/η⌋ of the n competing values (the best one when n < η). */
    private boolean promotable(double value, List<Double> competing) {
        List<Double> sorted = new ArrayList<>(competing);
        sorted.sort(null);
        int index = Math.max(sorted.size() / reductionFactor - 1, 0);
        return value <= sorted.get(index);
    }

    @Override
    public void completed(Trial run) {
        nextRung.remove(run.runId());
    }
}
