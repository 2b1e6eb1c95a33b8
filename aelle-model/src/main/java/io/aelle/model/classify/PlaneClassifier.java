package io.aelle.model.classify;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Says whether a point (on the PCA plane, or any feature vector) lies in the "low final error" region.
 * Implementations are immutable; their JSON form (with a {@code type} field) is the bundle's classifier.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Pc1Threshold.class, name = Pc1Threshold.NAME),
        @JsonSubTypes.Type(value = Hyperellipse.class, name = Hyperellipse.NAME),
        @JsonSubTypes.Type(value = LogisticRegression.class, name = LogisticRegression.NAME)})
public interface PlaneClassifier {

    boolean lowError(double[] point);

    /** The name used in bundle.json and report.json. */
    String name();

    default boolean[] lowErrorAll(double[][] points) {
        boolean[] out = new boolean[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = lowError(points[i]);
        }
        return out;
    }
}
