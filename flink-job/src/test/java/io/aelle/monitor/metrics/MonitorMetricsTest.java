package io.aelle.monitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.monitor.score.ConfusionCounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MonitorMetricsTest {

    private final MonitorMetrics metrics = new MonitorMetrics();

    private static VerdictEvent verdict(String run, double pc1) {
        VerdictEvent v = new VerdictEvent();
        v.runId = run;
        v.studyId = "metrics-test";
        v.pc1 = pc1;
        v.pc2 = -pc1;
        v.likelyLowError = pc1 > 0;
        v.publishedAt = 1000;
        v.verdictAt = 1250;
        return v;
    }

    /** The value of an unlabelled sample line; tests compare before and after. */
    private static double sample(String body, String name) {
        return body.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElse(0.0);
    }

    @Test
    void endpointServesEveryNameOfTheIssue() throws Exception {
        String before = metrics.scrape();
        metrics.checkpoint("metrics-test", "scored");
        metrics.checkpoint("metrics-test", "dead_letter");
        metrics.spectrum(3_000_000);
        metrics.verdict(verdict("run-a", 1.5));
        metrics.runEmbedding(verdict("run-a", 1.5));
        metrics.confusion(new ConfusionSnapshot("metrics-test", "aelle", "0.20", new ConfusionCounts(6, 2, 3, 9)));
        metrics.confusion(new ConfusionSnapshot("metrics-test", "loss-threshold", "0.20", new ConfusionCounts(1, 0, 8, 11)));
        int port = metrics.serve("127.0.0.1", 0);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String body = r.body();
            for (String line : new String[] {
                    "aelle_precision{fraction=\"0.20\",predictor=\"aelle\",study=\"metrics-test\"} 0.75",
                    "aelle_recall{fraction=\"0.20\",predictor=\"aelle\",study=\"metrics-test\"} 0.6666666666666666",
                    "aelle_f1{fraction=\"0.20\",predictor=\"aelle\",study=\"metrics-test\"} 0.7058823529411765",
                    "aelle_confusion{cell=\"fn\",fraction=\"0.20\",predictor=\"loss-threshold\",study=\"metrics-test\"} 8",
                    "aelle_checkpoints_total{result=\"dead_letter\",study=\"metrics-test\"} 1",
                    "aelle_checkpoints_total{result=\"scored\",study=\"metrics-test\"} 1",
                    "aelle_verdicts_total{study=\"metrics-test\",verdict=\"LIKELY_LOW_ERROR\"}",
                    "aelle_run_embedding{axis=\"pc1\",run_id=\"run-a\",study=\"metrics-test\"} 1.5",
                    "aelle_run_embedding{axis=\"pc2\",run_id=\"run-a\",study=\"metrics-test\"} -1.5",
                    "aelle_spectrum_seconds_bucket{",
                    "aelle_verdict_latency_seconds_bucket{",
                    "aelle_runs_active ",
                    "jvm_memory_used_bytes{",
            }) {
                assertTrue(body.contains(line), () -> "missing: " + line);
            }
            assertEquals(1.0, sample(body, "aelle_spectrum_seconds_count") - sample(before, "aelle_spectrum_seconds_count"));
            assertEquals(0.003, sample(body, "aelle_spectrum_seconds_sum") - sample(before, "aelle_spectrum_seconds_sum"), 1e-9);
            assertEquals(0.25, sample(body, "aelle_verdict_latency_seconds_sum") - sample(before, "aelle_verdict_latency_seconds_sum"), 1e-9);
        } finally {
            metrics.stopServing();
        }
    }

    @Test
    void endpointNegotiatesOpenMetricsAndGzip() throws Exception {
        metrics.checkpoint("metrics-negotiation", "scored");
        int port = metrics.serve("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
            HttpResponse<String> open = client.send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, open.statusCode());
            assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
            assertTrue(open.body().contains("aelle_checkpoints_total{result=\"scored\",study=\"metrics-negotiation\"} 1"));
            assertTrue(open.body().stripTrailing().endsWith("# EOF"), "OpenMetrics ends with # EOF");

            HttpResponse<byte[]> gzip = client.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""));
            String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("# TYPE aelle_checkpoints_total counter"), "the Prometheus text format, gzipped");
        } finally {
            metrics.stopServing();
        }
    }

    @Test
    void everyDeadLetterReasonIsExportedFromStartAndCounts() {
        String before = metrics.scrape();
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            assertTrue(before.contains("aelle_dead_letters_total{reason=\"" + reason.id() + "\"}"),
                    reason + " must be exported before its first dead letter");
        }
        String nan = "aelle_dead_letters_total{reason=\"nan_weights\"}";
        metrics.deadLetter(DeadLetterReason.NAN_WEIGHTS);
        assertEquals(1.0, sample(metrics.scrape(), nan) - sample(before, nan));
    }

    @Test
    void runEmbeddingKeepsOnlyTheMostRecentRuns() {
        int extra = 20;
        for (int i = 0; i < MonitorMetrics.EMBEDDED_RUNS_KEPT + extra; i++) {
            metrics.runEmbedding(verdict("bounded-" + i, i));
        }
        metrics.runEmbedding(verdict("bounded-0", 7)); // seen again: most recent once more
        String body = metrics.scrape();
        long series = body.lines().filter(l -> l.startsWith("aelle_run_embedding{")).count();
        assertEquals(2L * MonitorMetrics.EMBEDDED_RUNS_KEPT, series);
        assertTrue(body.contains("run_id=\"bounded-0\""));
        assertFalse(body.contains("run_id=\"bounded-1\""));
        assertTrue(body.contains("run_id=\"bounded-" + (MonitorMetrics.EMBEDDED_RUNS_KEPT + extra - 1) + "\""));
    }
}
