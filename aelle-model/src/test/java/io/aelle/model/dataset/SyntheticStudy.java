package io.aelle.model.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic study for tests: runs whose final loss depends on a hidden "quality" that also shapes their
 * spectra more clearly as training proceeds, like the real SMNIST study.
 */
public final class SyntheticStudy {

    private SyntheticStudy() {
    }

    public static StudyDataset of(int runs, int epochs, int length, long seed) {
        Random r = new Random(seed);
        List<DatasetRow> rows = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double quality = r.nextDouble();                 // 1 = best
            double finalLoss = Math.exp(-3 * quality) + 0.02 * r.nextDouble();
            double[] noise = new double[length];
            for (int k = 0; k < length; k++) {
                noise[k] = 0.05 * r.nextGaussian();
            }
            for (int e = 0; e <= epochs; e++) {
                double f = (double) e / epochs;
                double[] s = new double[length];
                for (int k = 0; k < length; k++) {
                    double slope = -3 + 2 * quality * Math.min(1, 0.3 + f);
                    s[k] = slope * k / length + noise[k] + 0.05 * r.nextGaussian();
                }
                double val = finalLoss + (1 - f) * (0.5 + 0.3 * r.nextDouble());
                rows.add(new DatasetRow(String.format("run-%03d", run), "{\"q\":" + quality + "}", e, epochs, val, finalLoss, length, s));
            }
        }
        return new StudyDataset(DatasetHeader.of("synthetic", "synthetic", Math.exp(-1.5), "reference", 500, length), rows);
    }
}
