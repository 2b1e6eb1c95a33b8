package io.aelle.monitor.analysis;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** Shipped with the job graph; opens the (heavy, non-serialisable) analyzer inside each operator instance. */
@FunctionalInterface
public interface AnalyzerFactory extends Serializable {

    CheckpointAnalyzer open() throws IOException;

    /**
     * Opens the analyzer inside an operator instance that knows its placement.
     *
     * @param gpuIndexes   the {@code index} properties of the task manager's {@code gpu} external resources (may be empty)
     * @param subtaskIndex the operator instance's subtask index
     */
    default CheckpointAnalyzer open(List<String> gpuIndexes, int subtaskIndex) throws IOException {
        return open();
    }
}
