package io.aelle.monitor.metrics;

import java.io.Serializable;

/**
 * Shipped with the job graph (like {@code AnalyzerFactory}): yields, inside an operator instance, the
 * {@link MonitorMetrics} that the process's entry chose. Operators call it in {@code open()} (or
 * {@code initializeState()}) and never reach for a JVM-wide registry themselves.
 * <ul>
 *   <li>{@link InProcessMetrics}: a registry made by the caller in this JVM (local runs on a MiniCluster, tests);</li>
 *   <li>{@link TaskManagerMetrics}: one registry per task manager JVM on a cluster, where no user code runs before
 *       the operators, served on {@code /metrics} on first use when the job's options ask for it.</li>
 * </ul>
 */
@FunctionalInterface
public interface MetricsProvider extends Serializable {

    MonitorMetrics metrics();
}
