package io.aelle.monitor.analysis;

import java.io.IOException;
import java.io.Serializable;

/** Shipped with the job graph; opens the (heavy, non-serialisable) analyzer inside each operator instance. */
@FunctionalInterface
public interface AnalyzerFactory extends Serializable {

    CheckpointAnalyzer open() throws IOException;
}
