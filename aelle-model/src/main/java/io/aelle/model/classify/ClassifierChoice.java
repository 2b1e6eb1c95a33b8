package io.aelle.model.classify;

import io.aelle.model.confusion.Confusion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the three plane classifiers (shape on the training points, free parameter on the validation points)
 * and keeps the one with the highest validation F1.
 *
 * @param validationF1 every candidate's validation F1, by name
 */
public record ClassifierChoice(PlaneClassifier best, Confusion validation, Map<String, Double> validationF1) {

    /** Names accepted by {@link #choose}'s {@code only} argument. */
    public static final List<String> NAMES = List.of(Pc1Threshold.NAME, Hyperellipse.NAME, LogisticRegression.NAME);

    public static ClassifierChoice choose(double[][] trainPoints, boolean[] trainLabels,
                                          double[][] valPoints, boolean[] valLabels) {
        return choose(trainPoints, trainLabels, valPoints, valLabels, NAMES);
    }

    public static ClassifierChoice choose(double[][] trainPoints, boolean[] trainLabels,
                                          double[][] valPoints, boolean[] valLabels, List<String> only) {
        Map<String, Double> f1s = new LinkedHashMap<>();
        PlaneClassifier best = null;
        Confusion bestConfusion = null;
        for (String name : only) {
            if (name.equals(Hyperellipse.NAME) && !anyTrue(trainLabels)) {
                continue;   // no low-error cluster to draw an ellipse around
            }
            PlaneClassifier c = switch (name) {
                case Pc1Threshold.NAME -> Pc1Threshold.fit(valPoints, valLabels);
                case Hyperellipse.NAME -> Hyperellipse.fit(trainPoints, trainLabels, valPoints, valLabels);
                case LogisticRegression.NAME -> LogisticRegression.fit(trainPoints, trainLabels, 1e-3, valPoints, valLabels);
                default -> throw new IllegalArgumentException("unknown classifier '" + name + "'; expected one of " + NAMES);
            };
            Confusion conf = Confusion.of(c.lowErrorAll(valPoints), valLabels);
            f1s.put(name, conf.f1());
            if (best == null || conf.f1() > bestConfusion.f1()) {
                best = c;
                bestConfusion = conf;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("none of the classifiers " + only + " can be fitted (no low-error training point?)");
        }
        return new ClassifierChoice(best, bestConfusion, f1s);
    }

    private static boolean anyTrue(boolean[] b) {
        for (boolean v : b) {
            if (v) {
                return true;
            }
        }
        return false;
    }
}
