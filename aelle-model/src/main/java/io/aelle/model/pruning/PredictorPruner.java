package io.aelle.model.pruning;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.evaluation.Predictor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a run when an evaluation {@link Predictor} (an AeLLE or DSAE embedding, a plain spectrum predictor, the loss
 * baseline, ...) calls its latest checkpoint high error. The predictor is trained only on runs that completed earlier
 * in the same search, so the search never uses what it has not seen yet.
 * <p>Algorithm: no run is stopped until {@code startupRuns} runs have completed (the first ones run to their end); then
 * the predictor is fitted on those runs, and fitted again from scratch each time the number of completed runs doubles
 * (K, 2K, 4K, ...). From epoch {@code minEpoch} on, a run is stopped at the first checkpoint the current predictor
 * calls high error. A fit that fails (e.g. too few runs of one class) keeps the previous predictor and is retried at
 * the next doubling.
 */
public final class PredictorPruner implements Pruner {

    /** Fits a predictor on the completed runs (their rows carry final losses). */
    @FunctionalInterface
    public interface Fit {
        Predictor fit(List<Trial> completed);
    }

    private final String name;
    private final Fit fit;
    private final int startupRuns;
    private final int minEpoch;
    private final List<Trial> completed = new ArrayList<>();
    private Predictor predictor;
    private int nextFit;
    private int fits;

    public PredictorPruner(String name, Fit fit, int startupRuns, int minEpoch) {
        if (startupRuns < 1 || minEpoch < 0) {
            throw new IllegalArgumentException("predictor pruner " + name + ": startup runs must be >= 1 and min epoch >= 0, got "
                    + startupRuns + " and " + minEpoch);
        }
        this.name = name;
        this.fit = fit;
        this.startupRuns = startupRuns;
        this.minEpoch = minEpoch;
        this.nextFit = startupRuns;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean stop(Trial run, int epoch) {
        if (predictor == null || epoch < minEpoch) {
            return false;
        }
        DatasetRow row = run.latest();
        return !predictor.lowError(row);
    }

    @Override
    public void completed(Trial run) {
        completed.add(run);
        if (completed.size() >= nextFit) {
            nextFit = 2 * completed.size();
            try {
                predictor = fit.fit(List.copyOf(completed));
                fits++;
            } catch (IllegalArgumentException e) {
                // too few runs or one class only: keep the previous predictor, try again at the next doubling
            }
        }
    }

    /** How many fits succeeded so far. */
    public int fits() {
        return fits;
    }
}
