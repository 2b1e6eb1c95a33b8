package io.aelle.model.pruning;

/**
 * An early-stopping rule for a hyperparameter search: asked at each checkpoint of a training run whether to stop it,
 * and told of every run that trained to its end. One instance serves one search (it may keep state across runs); a
 * {@link SearchReplay} makes a fresh one per replayed order.
 */
public interface Pruner {

    /** The name in the benchmark's output: none, median, asha, or an evaluation predictor's name. */
    String name();

    /**
     * Whether to stop the run now, after its checkpoint at {@code epoch} ({@code run.latest()}). The trial shows only
     * what a search would know at that moment: its checkpoints so far, never its final loss.
     */
    boolean stop(Trial run, int epoch);

    /** A run trained to its last epoch; its rows now carry the final loss. */
    void completed(Trial run);
}
