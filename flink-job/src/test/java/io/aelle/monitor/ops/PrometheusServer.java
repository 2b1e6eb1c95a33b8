package io.aelle.monitor.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the Debian package's binary) on loopback, scraping given targets at a short
 * interval, queried through its HTTP API. Its TSDB lives in a temporary folder removed on close.
 */
final class PrometheusServer implements AutoCloseable {

    /** A scrape job: name and host:port targets, all served at {@code path}. */
    record ScrapeJob(String name, String path, List<String> targets) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dir;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path dir, URI base) {
        this.process = process;
        this.dir = dir;
        this.base = base;
    }

    /** The prometheus binary on PATH, if installed. */
    static Optional<Path> binary() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, "prometheus");
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static PrometheusServer start(Path binary, Duration scrapeInterval, List<ScrapeJob> jobs) throws IOException {
        Path dir = Files.createTempDirectory("aelle-prometheus");
        StringBuilder cfg = new StringBuilder()
                .append("global:\n  scrape_interval: ").append(scrapeInterval.toMillis()).append("ms\n")
                .append("  scrape_timeout: ").append(scrapeInterval.toMillis()).append("ms\n")
                .append("scrape_configs:\n");
        for (ScrapeJob job : jobs) {
            cfg.append("  - job_name: ").append(job.name()).append('\n')
                    .append("    metrics_path: ").append(job.path()).append('\n')
                    .append("    static_configs:\n      - targets: [")
                    .append(String.join(", ", job.targets().stream().map(t -> "'" + t + "'").toList())).append("]\n");
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), cfg);
        int port = freePort();
        Process p = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(p, dir, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException | IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            sleep(200);
        }
        throw new IOException("prometheus not ready after " + timeout + ": " + log());
    }

    /**
     * Evaluates an instant query; returns the result array. A query Prometheus rejects throws an
     * {@link IllegalArgumentException} with its error type and message.
     */
    JsonNode query(String promql) {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalArgumentException(body.path("errorType").asText() + ": " + body.path("error").asText());
            }
            return body.path("data").path("result");
        } catch (IOException e) {
            throw new UncheckedIOException("query failed: " + promql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What Grafana's {@code label_values(metric, label)} lists: GET /api/v1/label/LABEL/values?match[]=METRIC. */
    List<String> labelValues(String label, String match) {
        String url = base + "/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalArgumentException(body.path("errorType").asText() + ": " + body.path("error").asText());
            }
            List<String> values = new java.util.ArrayList<>();
            body.path("data").forEach(v -> values.add(v.asText()));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Health of every scrape target, job/instance -> "up" or the last error. */
    Map<String, String> targets() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/targets")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> out = new java.util.TreeMap<>();
            for (JsonNode t : JSON.readTree(r.body()).path("data").path("activeTargets")) {
                String health = t.path("health").asText();
                out.put(t.path("labels").path("job").asText() + "/" + t.path("labels").path("instance").asText(),
                        "up".equals(health) ? "up" : health + " " + t.path("lastError").asText());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
