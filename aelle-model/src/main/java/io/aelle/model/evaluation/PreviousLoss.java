package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each checkpoint's change of validation loss since the run's previous checkpoint: what a monitor keeps per run
 * (the streaming job holds the previous val_loss in keyed state). A run's first checkpoint, or one whose previous
 * checkpoint has no loss, has change 0.
 */
public final class PreviousLoss {

    private final Map<String, Double> change = new HashMap<>();
    private final Map<String, Double> previousValLoss = new HashMap<>();

    private PreviousLoss() {
    }

    /** Indexes every run's checkpoints in epoch order (a run's own earlier rows only: nothing from other runs). */
    public static PreviousLoss of(List<DatasetRow> rows) {
        PreviousLoss p = new PreviousLoss();
        Map<String, DatasetRow> last = new HashMap<>();
        rows.stream().sorted(java.util.Comparator.comparing(DatasetRow::runId).thenComparingInt(DatasetRow::epoch)).forEach(r -> {
            DatasetRow before = last.put(r.runId(), r);
            double previous = before == null ? Double.NaN : before.valLoss();
            p.change.put(r.key(), change(r.valLoss(), previous));
            p.previousValLoss.put(r.key(), previous);
        });
        return p;
    }

    /** One checkpoint whose run's previous val_loss is known (the streaming job keeps it in keyed state). */
    public static PreviousLoss single(DatasetRow row, double previousValLoss) {
        PreviousLoss p = new PreviousLoss();
        p.change.put(row.key(), change(row.valLoss(), previousValLoss));
        return p;
    }

    /** The loss change of one checkpoint from the previous one's loss (0 when either is unknown). */
    public static double change(double valLoss, double previousValLoss) {
        double d = valLoss - previousValLoss;
        return Double.isFinite(d) ? d : 0;
    }

    /** The val_loss of the run's previous checkpoint (NaN for its first), as the streaming job keeps it. */
    public double previousValLoss(DatasetRow row) {
        Double d = previousValLoss.get(row.key());
        if (d == null) {
            throw new IllegalArgumentException("checkpoint " + row.key() + " is not in the rows the previous losses were indexed from");
        }
        return d;
    }

    public double change(DatasetRow row) {
        Double d = change.get(row.key());
        if (d == null) {
            throw new IllegalArgumentException("checkpoint " + row.key() + " is not in the rows the loss changes were indexed from");
        }
        return d;
    }
}
