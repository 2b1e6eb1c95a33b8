package io.aelle.model.dataset;

import java.util.Locale;

/**
 * How a study's low-error threshold is chosen: {@code probe} (the dataset header's, i.e. the probe's), a fixed
 * number, or {@code median} (the median final loss of the training runs, one value per run, as the paper's later
 * code does: both classes then hold about half the runs). The median is taken over training runs only so the
 * validation and test runs never influence the labels' definition.
 */
public record LossThresholdRule(String kind, double value) {

    public static final LossThresholdRule PROBE = new LossThresholdRule("probe", Double.NaN);
    public static final LossThresholdRule MEDIAN = new LossThresholdRule("median", Double.NaN);

    public LossThresholdRule {
        if (kind.equals("fixed") && !(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException("loss threshold must be a positive number, got " + value);
        }
    }

    /** {@code probe}, {@code median} or a positive number. */
    public static LossThresholdRule parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("probe")) return PROBE;
        if (t.equals("median")) return MEDIAN;
        try {
            return new LossThresholdRule("fixed", Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--loss-threshold must be probe, median or a number, got '" + text + "'");
        }
    }

    /** The threshold this rule gives on the dataset under the split. */
    public double resolve(StudyDataset data, RunPartition split) {
        return switch (kind) {
            case "probe" -> data.header().lossThreshold();
            case "fixed" -> value;
            default -> {
                double[] losses = data.byRun().entrySet().stream()
                        .filter(e -> split.partOf(e.getKey()) == RunPartition.Part.TRAIN)
                        .mapToDouble(e -> e.getValue().get(0).finalLoss()).filter(Double::isFinite).sorted().toArray();
                if (losses.length < 2) {
                    throw new IllegalArgumentException("--loss-threshold median needs at least 2 training runs with a final loss, got "
                            + losses.length);
                }
                yield median(losses);
            }
        };
    }

    /** The dataset relabelled with this rule's threshold. */
    public StudyDataset apply(StudyDataset data, RunPartition split) {
        return data.withLossThreshold(resolve(data, split));
    }

    /** What bundle.json and report.json record: "probe", "median" or "fixed". */
    public String describe() {
        return kind;
    }

    /** The median of sorted values (mean of the middle two for an even count). */
    public static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
