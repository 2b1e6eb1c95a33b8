package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.LossMedianRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training runs' validation losses at each checkpoint fraction, sorted: the q-quantile a run's loss is compared
 * with, and a loss's rank among them. A fraction the training runs lack uses their latest fraction before it (the
 * first one when there is none).
 */
public final class LossQuantiles {

    private final TreeMap<Double, double[]> sorted;

    private LossQuantiles(TreeMap<Double, double[]> sorted) {
        this.sorted = sorted;
    }

    /** Restores quantiles written by {@link #byFraction()} (a bundle's): each fraction's losses, ascending. */
    public static LossQuantiles restore(Map<Double, double[]> sortedByFraction) {
        if (sortedByFraction.isEmpty()) {
            throw new IllegalArgumentException("loss quantiles without any fraction");
        }
        TreeMap<Double, double[]> s = new TreeMap<>();
        sortedByFraction.forEach((f, a) -> {
            double[] c = a.clone();
            Arrays.sort(c);
            s.put(f, c);
        });
        return new LossQuantiles(s);
    }

    /** Each fraction's training losses, ascending (copies). */
    public TreeMap<Double, double[]> byFraction() {
        TreeMap<Double, double[]> c = new TreeMap<>();
        sorted.forEach((f, a) -> c.put(f, a.clone()));
        return c;
    }

    public static LossQuantiles of(List<DatasetRow> trainingRows) {
        Map<Double, List<Double>> by = new TreeMap<>();
        for (DatasetRow r : trainingRows) {
            if (Double.isFinite(r.valLoss())) {
                by.computeIfAbsent(r.fractionKey(), k -> new ArrayList<>()).add(r.valLoss());
            }
        }
        if (by.isEmpty()) {
            throw new IllegalArgumentException("no training checkpoint has a val_loss");
        }
        TreeMap<Double, double[]> s = new TreeMap<>();
        by.forEach((f, l) -> {
            double[] a = l.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            s.put(f, a);
        });
        return new LossQuantiles(s);
    }

    private double[] at(double fraction) {
        Map.Entry<Double, double[]> e = sorted.floorEntry(fraction + 1e-9);
        return (e != null ? e : sorted.firstEntry()).getValue();
    }

    /** The training losses at this fraction, ascending (not copied: callers only read it). */
    double[] losses(double fraction) {
        return at(fraction);
    }

    /** The q-quantile ({@link LossMedianRule#quantile}) of the training losses at this fraction. */
    public double quantile(double fraction, double q) {
        return LossMedianRule.quantile(at(fraction), q);
    }

    /** The share of training losses at this fraction that are at or below {@code loss} (0..1). */
    public double rank(double fraction, double loss) {
        double[] a = at(fraction);
        int i = Arrays.binarySearch(a, loss);
        int le;
        if (i >= 0) {
            while (i + 1 < a.length && a[i + 1] == loss) {
                i++;
            }
            le = i + 1;
        } else {
            le = -i - 1;
        }
        return (double) le / a.length;
    }
}
