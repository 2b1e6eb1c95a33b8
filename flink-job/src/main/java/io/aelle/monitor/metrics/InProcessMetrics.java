package io.aelle.monitor.metrics;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MonitorMetrics} made by the caller, reached by the job's operators in the same JVM (a MiniCluster).
 * Operators are serialised even on a MiniCluster, so the provider carries only a key; the registry is looked up
 * by that key until {@link #close()}. Each local job (each test) can so have a registry of its own.
 */
public record InProcessMetrics(String key) implements MetricsProvider, AutoCloseable {

    private static final Map<String, MonitorMetrics> OPEN = new ConcurrentHashMap<>();

    /** Makes {@code metrics} reachable from the job's operators in this JVM until the returned provider is closed. */
    public static InProcessMetrics of(MonitorMetrics metrics) {
        String key = UUID.randomUUID().toString();
        OPEN.put(key, metrics);
        return new InProcessMetrics(key);
    }

    @Override
    public MonitorMetrics metrics() {
        MonitorMetrics m = OPEN.get(key);
        if (m == null) {
            throw new IllegalStateException("no in-process metrics '" + key + "' in this JVM: InProcessMetrics only works "
                    + "for a job running in the JVM that made it (a MiniCluster), and only until it is closed");
        }
        return m;
    }

    @Override
    public void close() {
        OPEN.remove(key);
    }
}
