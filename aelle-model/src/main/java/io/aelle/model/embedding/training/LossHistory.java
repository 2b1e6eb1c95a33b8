package io.aelle.model.embedding.training;

import java.util.ArrayList;
import java.util.List;

/** Per-epoch training and validation loss of one training run, for the loss-curve PNG. */
public final class LossHistory {

    private final List<double[]> points = new ArrayList<>();

    public void add(int epoch, double train, double validation) {
        points.add(new double[] {epoch, train, validation});
    }

    public List<double[]> points() {
        return List.copyOf(points);
    }

    public double lastValidation() {
        return points.isEmpty() ? Double.NaN : points.get(points.size() - 1)[2];
    }
}
