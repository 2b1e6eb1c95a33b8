package io.aelle.monitor.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} from the Prometheus Java client's own HTTP exporter: content negotiation (Prometheus
 * text, OpenMetrics, protobuf), gzip when asked, {@code /-/healthy}; one daemon thread, so it never keeps a JVM up.
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer http;
    private final ExecutorService executor;

    private MetricsServer(HTTPServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    public static MetricsServer start(String host, int port, PrometheusRegistry registry) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aelle-metrics-http");
            t.setDaemon(true);
            return t;
        });
        try {
            return new MetricsServer(HTTPServer.builder().hostname(host).port(port).registry(registry)
                    .executorService(executor).buildAndStart(), executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        http.close();
        executor.shutdownNow();
    }
}
