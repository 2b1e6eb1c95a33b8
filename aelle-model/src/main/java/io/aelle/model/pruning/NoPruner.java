package io.aelle.model.pruning;

/** The reference: every run trains to its last epoch. */
public final class NoPruner implements Pruner {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean stop(Trial run, int epoch) {
        return false;
    }

    @Override
    public void completed(Trial run) {
    }
}
