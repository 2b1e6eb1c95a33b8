package io.aelle.app.demo;

import io.aelle.model.confusion.Confusion;
import io.aelle.model.evaluation.ReportRow;
import io.aelle.monitor.score.Cell;
import io.aelle.monitor.score.PredictorLabel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The paper's Table 1 read back from the live gauges: per fraction bucket, recall / precision / F1 of the AeLLE
 * verdict and of the loss baselines (loss-threshold: the paper's column; loss-median: MedianPruner's rule), with the
 * AeLLE counts.
 */
final class LiveMetricsTable {

    private LiveMetricsTable() {}

    static List<ReportRow> rows(MeterRegistry registry, String study) {
        TreeSet<String> fractions = new TreeSet<>();
        registry.find("aelle.confusion").tag("study", study).gauges().forEach(g -> fractions.add(g.getId().getTag("fraction")));
        List<ReportRow> rows = new ArrayList<>();
        for (String fraction : fractions) {
            for (PredictorLabel p : PredictorLabel.values()) {
                long[] c = new long[Cell.values().length];
                for (Cell cell : Cell.values()) {
                    Gauge g = registry.find("aelle.confusion").tags("study", study, "predictor", p.tag(), "fraction", fraction,
                            "cell", cell.tag()).gauge();
                    c[cell.ordinal()] = g == null ? 0 : Math.round(g.value());
                }
                Confusion t = new Confusion(c[0], c[1], c[2], c[3]);
                double f = Double.parseDouble(fraction);
                rows.add(new ReportRow(f, f, p.tag(), classifier(p),
                        t.recall(), t.precision(), t.f1(), null, t.tp(), t.fp(), t.fn(), t.tn()));
            }
        }
        return rows;
    }

    private static String classifier(PredictorLabel p) {
        return switch (p) {
            case AELLE -> "bundle";
            case LOSS_THRESHOLD -> "val_loss < threshold";
            case LOSS_MEDIAN -> "val_loss <= running q-quantile at f";
        };
    }

    /** Markdown: one line per fraction, AeLLE beside loss-threshold and loss-median. */
    static String markdown(List<ReportRow> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| fraction | AeLLE recall | AeLLE precision | AeLLE F1 | loss-threshold recall | loss-threshold precision "
                + "| loss-threshold F1 | loss-median recall | loss-median precision | loss-median F1 | AeLLE tp/fp/fn/tn |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        int n = PredictorLabel.values().length;
        for (int i = 0; i + n - 1 < rows.size(); i += n) {
            ReportRow a = rows.get(i);
            s.append(String.format(Locale.ROOT, "| %.0f%% ", 100 * a.fraction()));
            for (int k = 0; k < n; k++) {
                ReportRow r = rows.get(i + k);
                s.append(String.format(Locale.ROOT, "| %.1f%% | %.1f%% | %.2f ", 100 * r.recall(), 100 * r.precision(), r.f1()));
            }
            s.append(String.format(Locale.ROOT, "| %d/%d/%d/%d |%n", a.tp(), a.fp(), a.fn(), a.tn()));
        }
        return s.toString();
    }
}
