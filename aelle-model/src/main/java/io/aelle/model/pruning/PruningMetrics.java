package io.aelle.model.pruning;

import java.util.Comparator;
import java.util.List;

/**
 * What one replayed search cost and lost.
 *
 * @param epochsShare  epochs trained as a share of what the search would train without stopping anything
 * @param regret       best final loss among the runs not stopped minus the best final loss of all runs (0: the best
 *                     run survived or one as good did)
 * @param top10Recall  share of the truly best 10% of runs (at least one) that were not stopped
 * @param falseStops   stopped runs that would have ended with low error (final loss below the study's threshold)
 * @param stopped      runs stopped
 * @param runs         runs in the search
 */
public record PruningMetrics(double epochsShare, double regret, double top10Recall, int falseStops, int stopped, int runs) {

    /** Share of runs counted as the top: the best 10%. */
    public static final double TOP_SHARE = 0.10;

    public static PruningMetrics of(List<SearchReplay.Fate> fates, double lowErrorThreshold) {
        if (fates.isEmpty()) {
            throw new IllegalArgumentException("no runs replayed");
        }
        long trained = 0, full = 0;
        int stopped = 0, falseStops = 0;
        double bestAll = Double.POSITIVE_INFINITY, bestKept = Double.POSITIVE_INFINITY;
        for (SearchReplay.Fate f : fates) {
            trained += f.epochsTrained();
            full += f.run().lastEpoch();
            double loss = f.run().finalLoss();
            bestAll = Math.min(bestAll, loss);
            if (f.stopped()) {
                stopped++;
                if (loss < lowErrorThreshold) {
                    falseStops++;
                }
            } else {
                bestKept = Math.min(bestKept, loss);
            }
        }
        int top = Math.max(1, (int) Math.ceil(TOP_SHARE * fates.size()));
        List<SearchReplay.Fate> best = fates.stream()
                .sorted(Comparator.comparingDouble((SearchReplay.Fate f) -> f.run().finalLoss()).thenComparing(f -> f.run().runId()))
                .limit(top).toList();
        double recall = best.stream().filter(f -> !f.stopped()).count() / (double) top;
        return new PruningMetrics((double) trained / full, bestKept - bestAll, recall, falseStops, stopped, fates.size());
    }
}
