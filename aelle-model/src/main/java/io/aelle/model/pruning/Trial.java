package io.aelle.model.pruning;

import io.aelle.model.dataset.DatasetRow;
import java.util.List;

/**
 * What a search knows about one run: its checkpoints so far (epoch ascending). While the run trains the rows' final
 * loss is NaN, so a pruner cannot peek at the outcome; a completed trial carries the real final loss.
 */
public record Trial(String runId, List<DatasetRow> rows) {

    public Trial {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("trial " + runId + " has no checkpoint");
        }
    }

    public DatasetRow latest() {
        return rows.get(rows.size() - 1);
    }

    /** The validation loss at exactly this epoch, NaN when that checkpoint is missing or recorded none. */
    public double valLossAt(int epoch) {
        for (DatasetRow r : rows) {
            if (r.epoch() == epoch) {
                return r.valLoss();
            }
        }
        return Double.NaN;
    }

    /** The lowest validation loss reported up to and including this epoch (NaN when none is finite). */
    public double bestValLossUpTo(int epoch) {
        double best = Double.NaN;
        for (DatasetRow r : rows) {
            if (r.epoch() <= epoch && Double.isFinite(r.valLoss()) && !(r.valLoss() >= best)) {
                best = r.valLoss();
            }
        }
        return best;
    }

    public int lastEpoch() {
        return latest().epoch();
    }

    public double finalLoss() {
        return latest().finalLoss();
    }
}
