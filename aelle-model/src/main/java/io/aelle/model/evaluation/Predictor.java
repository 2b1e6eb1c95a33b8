package io.aelle.model.evaluation;

import io.aelle.model.dataset.DatasetRow;

/** One way of saying "this run will end with low error" from one of its checkpoints. */
public interface Predictor {

    /** The report.json name: aelle, dsae, …, spectrum-pca, spectrum-logistic or loss. */
    String name();

    /** The classifier behind the verdict (for the report). */
    String classifier();

    boolean lowError(DatasetRow row);
}
