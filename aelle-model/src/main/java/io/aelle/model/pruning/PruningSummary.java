package io.aelle.model.pruning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Per pruner, the mean of each metric over the replayed orders with its 95% bootstrap interval. */
public record PruningSummary(List<Line> lines) {

    static final long BOOTSTRAP_SEED = 20261130L;

    public record Line(String pruner, int orders, Interval epochsShare, Interval regret, Interval top10Recall,
                       Interval falseStops, Interval stopped) {
    }

    public static PruningSummary of(List<PruningBench.Result> results) {
        Map<String, List<PruningMetrics>> by = new LinkedHashMap<>();
        results.forEach(r -> by.computeIfAbsent(r.pruner(), k -> new ArrayList<>()).add(r.metrics()));
        List<Line> lines = new ArrayList<>();
        by.forEach((name, ms) -> lines.add(new Line(name, ms.size(), interval(ms, PruningMetrics::epochsShare),
                interval(ms, PruningMetrics::regret), interval(ms, PruningMetrics::top10Recall),
                interval(ms, PruningMetrics::falseStops), interval(ms, PruningMetrics::stopped))));
        return new PruningSummary(lines);
    }

    private static Interval interval(List<PruningMetrics> ms, ToDoubleFunction<PruningMetrics> f) {
        return Interval.of(ms.stream().mapToDouble(f).toArray(), BOOTSTRAP_SEED);
    }

    public Line line(String pruner) {
        return lines.stream().filter(l -> l.pruner().equals(pruner)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pruner " + pruner + " in the summary"));
    }

    /** The markdown table: one row per pruner, "mean [low, high]" per metric. */
    public String markdownTable() {
        StringBuilder b = new StringBuilder();
        b.append("| pruner | epochs consumed (share of no pruning) | regret (final loss) | top-10% recall | false stops | runs stopped |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            b.append("| ").append(l.pruner())
                    .append(" | ").append(cell(l.epochsShare(), "%.3f"))
                    .append(" | ").append(cell(l.regret(), "%.4f"))
                    .append(" | ").append(cell(l.top10Recall(), "%.2f"))
                    .append(" | ").append(cell(l.falseStops(), "%.1f"))
                    .append(" | ").append(cell(l.stopped(), "%.1f"))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String cell(Interval i, String fmt) {
        return String.format(Locale.ROOT, fmt + " [" + fmt + ", " + fmt + "]", i.mean(), i.low(), i.high());
    }
}
