package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetHeader;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.StudyDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic studies whose outcome is decided by one known source, the others being noise: a hyperparameter, the
 * early loss ranks, or one spectrum feature. Low error = final loss below 1 (half the runs, about).
 */
final class KnownAnswerStudy {

    enum Source { HPARAM, LOSS_RANK, SPECTRUM }

    static final double THRESHOLD = 1.0;

    private KnownAnswerStudy() {
    }

    static StudyDataset of(Source source, int runs, int epochs, long seed) {
        return of(source, runs, epochs, seed, true);
    }

    static StudyDataset of(Source source, int runs, int epochs, long seed, boolean withHparams) {
        Random r = new Random(seed);
        int length = 6;
        List<DatasetRow> rows = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double p = 1 + (r.nextBoolean() ? 1 : -1) * (0.1 + 0.4 * r.nextDouble());   // the hyperparameter, in [0.5, 1.5]
            // the run's hidden quality, with a gap around 0 so that the classes are separable by rank
            double z = (r.nextBoolean() ? 1 : -1) * (0.5 + Math.abs(r.nextGaussian()));
            boolean low = switch (source) {
                case HPARAM -> p < 1.0;
                case LOSS_RANK, SPECTRUM -> z < 0;
            };
            double finalLoss = low ? 0.5 + 0.4 * r.nextDouble() : 1.1 + 0.4 * r.nextDouble();
            double lossOffset = source == Source.LOSS_RANK ? 0.5 * z : 0.5 * r.nextGaussian();
            String hparams = withHparams ? String.format(Locale.ROOT, "{\"p\":%.6f,\"arch\":\"lstm\",\"seed\":%d}", p, r.nextLong()) : "{}";
            for (int e = 0; e <= epochs; e++) {
                double f = (double) e / epochs;
                double[] s = new double[length];
                for (int k = 0; k < length; k++) {
                    s[k] = -k * 0.3 + 0.2 * r.nextGaussian();
                }
                if (source == Source.SPECTRUM) {
                    s[2] += low ? 0.6 : -0.6;
                }
                double val = 2.0 - f + lossOffset + 0.02 * r.nextGaussian();
                rows.add(new DatasetRow(String.format(Locale.ROOT, "run-%03d", run), hparams, e, epochs, val, finalLoss, length, s));
            }
        }
        return new StudyDataset(DatasetHeader.of("known-" + source, "synthetic", THRESHOLD, "reference", 500, length), rows);
    }
}
