package io.aelle.model.pruning;

import io.aelle.model.dataset.DatasetRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a finished study as a hyperparameter search under a pruner: the runs arrive in a given order, {@code parallel}
 * of them train at a time, and every run advances one epoch per time step. After each checkpoint (from epoch 1 on) the
 * pruner may stop the run, which frees its slot for the next arrival; a run that reaches its last checkpoint completes
 * and the pruner is told. Within a time step runs are handled in slot order, so a replay is deterministic.
 * <p>A run's rows are shown to the pruner with their final loss hidden (NaN) until the run completes.
 */
public final class SearchReplay {

    /**
     * What happened to one run (all its checkpoints, epoch ascending, the last one at its last epoch): the epochs it
     * trained, and whether it was stopped before its last epoch.
     */
    public record Fate(Trial run, int epochsTrained, boolean stopped) {
    }

    private final int parallel;

    public SearchReplay(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
        }
        this.parallel = parallel;
    }

    /** Replays the runs in this order under the pruner; the fates come back in arrival order. */
    public List<Fate> replay(List<Trial> order, Pruner pruner) {
        Fate[] fates = new Fate[order.size()];
        int[] slotRun = new int[parallel];
        int[] slotEpoch = new int[parallel];
        java.util.Arrays.fill(slotRun, -1);
        int next = 0, running = 0;
        while (next < order.size() || running > 0) {
            for (int s = 0; s < parallel; s++) {
                if (slotRun[s] < 0 && next < order.size()) {
                    slotRun[s] = next++;
                    slotEpoch[s] = 0;
                    running++;
                }
            }
            for (int s = 0; s < parallel; s++) {
                if (slotRun[s] < 0) {
                    continue;
                }
                Trial run = order.get(slotRun[s]);
                int epoch = ++slotEpoch[s];
                boolean done;
                if (epoch >= run.lastEpoch()) {
                    pruner.completed(run);
                    fates[slotRun[s]] = new Fate(run, run.lastEpoch(), false);
                    done = true;
                } else if (hasCheckpoint(run, epoch) && pruner.stop(new Trial(run.runId(), hidden(run, epoch)), epoch)) {
                    fates[slotRun[s]] = new Fate(run, epoch, true);
                    done = true;
                } else {
                    done = false;
                }
                if (done) {
                    slotRun[s] = -1;
                    running--;
                }
            }
        }
        return List.of(fates);
    }

    private static boolean hasCheckpoint(Trial run, int epoch) {
        return run.rows().stream().anyMatch(r -> r.epoch() == epoch);
    }

    /** The run's rows up to the epoch, final loss hidden. */
    static List<DatasetRow> hidden(Trial run, int epoch) {
        List<DatasetRow> out = new ArrayList<>();
        for (DatasetRow r : run.rows()) {
            if (r.epoch() <= epoch) {
                out.add(new DatasetRow(r.runId(), r.hparams(), r.epoch(), r.totalEpochs(), r.valLoss(), Double.NaN,
                        r.rawLength(), r.spectrum()));
            }
        }
        return out;
    }
}
