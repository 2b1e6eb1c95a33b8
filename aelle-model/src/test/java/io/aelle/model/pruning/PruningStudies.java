package io.aelle.model.pruning;

import io.aelle.model.dataset.DatasetHeader;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.StudyDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic studies whose pruning answer is known. */
final class PruningStudies {

    static final int LENGTH = 8;

    private PruningStudies() {
    }

    /**
     * Early losses rank the runs perfectly: every run's loss curve is its final loss plus the same decaying offset, so
     * at every epoch the order of the runs is the order of their final losses. Spectra carry nothing.
     */
    static StudyDataset lossesRankPerfectly(int runs, int epochs, long seed) {
        Random r = new Random(seed);
        List<DatasetRow> rows = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double finalLoss = 0.2 + r.nextDouble();
            for (int e = 0; e <= epochs; e++) {
                double val = finalLoss + 1.5 * (epochs - e) / epochs;
                rows.add(row(run, e, epochs, val, finalLoss, noiseSpectrum(r)));
            }
        }
        return new StudyDataset(DatasetHeader.of("perfect-losses", "synthetic", 0.7, "reference", 0, LENGTH), rows);
    }

    /**
     * The outcome depends only on a spectrum feature u: the final loss is 1 + u, every spectrum exponent shifts with u
     * from epoch 0 on, and every run reports the same validation losses until its last epoch, so early losses say
     * nothing about the outcome.
     */
    static StudyDataset outcomeInSpectrum(int runs, int epochs, long seed) {
        Random r = new Random(seed);
        List<DatasetRow> rows = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double u = 2 * r.nextDouble() - 1;
            double finalLoss = 1 + u;
            for (int e = 0; e <= epochs; e++) {
                double[] s = new double[LENGTH];
                for (int k = 0; k < LENGTH; k++) {
                    s[k] = -0.25 * k + u * (1 - (double) k / LENGTH) + 0.02 * r.nextGaussian();
                }
                double val = e == epochs ? finalLoss : 2.5 - 0.1 * e;
                rows.add(row(run, e, epochs, val, finalLoss, s));
            }
        }
        return new StudyDataset(DatasetHeader.of("outcome-in-spectrum", "synthetic", 1.0, "reference", 0, LENGTH), rows);
    }

    /** A run with these validation losses at epochs 0, 1, 2, ... */
    static Trial trial(String id, double... losses) {
        List<DatasetRow> rows = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            rows.add(new DatasetRow(id, "{}", e, 10, losses[e], Double.NaN, 1, new double[] {0}));
        }
        return new Trial(id, rows);
    }

    static DatasetRow row(int run, int epoch, int epochs, double val, double finalLoss, double[] spectrum) {
        return new DatasetRow(String.format("run-%03d", run), "{}", epoch, epochs, val, finalLoss, spectrum.length, spectrum);
    }

    private static double[] noiseSpectrum(Random r) {
        double[] s = new double[LENGTH];
        for (int k = 0; k < LENGTH; k++) {
            s[k] = -0.25 * k + 0.1 * r.nextGaussian();
        }
        return s;
    }

    /** Replays the study in several orders under the pruner and returns each order's metrics. */
    static List<PruningMetrics> replay(StudyDataset data, java.util.function.Supplier<Pruner> pruner, int orders, int parallel) {
        PruningBench bench = new PruningBench(orders, 7, parallel, data.header().lossThreshold());
        return bench.run(PruningBench.runs(data), List.of(new PruningBench.Candidate("p", pruner)), (d, t, res) -> { })
                .stream().map(PruningBench.Result::metrics).toList();
    }
}
