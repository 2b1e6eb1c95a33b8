package io.aelle.monitor.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@code GET /metrics} in the Prometheus text format, from the JDK's HTTP server on one daemon thread. */
public final class MetricsServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer http;
    private final ExecutorService executor;

    private MetricsServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    public static MetricsServer start(String host, int port, Supplier<String> scrape) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        http.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aelle-metrics-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.start();
        return new MetricsServer(http, executor);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
