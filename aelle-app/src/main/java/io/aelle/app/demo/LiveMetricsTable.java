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
 * verdict and of the loss baseline, with the counts.
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
                rows.add(new ReportRow(f, f, p.tag(), p == PredictorLabel.AELLE ? "bundle" : "val_loss < threshold",
                        t.recall(), t.precision(), t.f1(), null, t.tp(), t.fp(), t.fn(), t.tn()));
            }
        }
        return rows;
    }

    /** Markdown: one line per fraction, AeLLE beside the loss baseline. */
    static String markdown(List<ReportRow> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| fraction | AeLLE recall | AeLLE precision | AeLLE F1 | loss recall | loss precision | loss F1 | AeLLE tp/fp/fn/tn |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            ReportRow a = rows.get(i);
            ReportRow l = rows.get(i + 1);
            s.append(String.format(Locale.ROOT, "| %.0f%% | %.1f%% | %.1f%% | %.2f | %.1f%% | %.1f%% | %.2f | %d/%d/%d/%d |%n",
                    100 * a.fraction(), 100 * a.recall(), 100 * a.precision(), a.f1(), 100 * l.recall(), 100 * l.precision(), l.f1(),
                    a.tp(), a.fp(), a.fn(), a.tn()));
        }
        return s.toString();
    }
}
