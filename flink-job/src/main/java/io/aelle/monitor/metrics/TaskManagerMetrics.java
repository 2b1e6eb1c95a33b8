package io.aelle.monitor.metrics;

/**
 * The metrics of a job submitted to a cluster ({@code flink run}, Kubernetes): the operators run in task manager
 * JVMs where no entry point of ours runs, so this provider is that entry. The first operator of a task manager
 * JVM that asks for the metrics creates the JVM's one {@link MonitorMetrics} and, when {@code port >= 0}
 * ({@code --metrics-port}), starts serving it on {@code host:port} ({@code 0}: any free port, logged). Later
 * calls, from any operator or job in that JVM, get the same registry and start nothing.
 *
 * @param host address {@code /metrics} binds to
 * @param port its port; 0 any free port; negative: not served
 */
public record TaskManagerMetrics(String host, int port) implements MetricsProvider {

    /** The task manager JVM's registry, made on first use: a task manager has no earlier place to make it. */
    private static MonitorMetrics jvmMetrics;

    @Override
    public MonitorMetrics metrics() {
        synchronized (TaskManagerMetrics.class) {
            if (jvmMetrics == null) {
                jvmMetrics = new MonitorMetrics();
            }
            if (port >= 0) {
                jvmMetrics.serve(host, port);
            }
            return jvmMetrics;
        }
    }
}
