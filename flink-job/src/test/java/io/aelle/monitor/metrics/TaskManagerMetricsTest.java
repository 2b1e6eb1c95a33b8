package io.aelle.monitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class TaskManagerMetricsTest {

    @Test
    void everyProviderOfTheJvmYieldsOneRegistryServedOnlyWhenAPortIsGiven() throws Exception {
        MonitorMetrics unserved = InstantiationUtil.clone(new TaskManagerMetrics("127.0.0.1", -1)).metrics();
        assertSame(unserved, new TaskManagerMetrics("127.0.0.1", -1).metrics());
        MonitorMetrics served = InstantiationUtil.clone(new TaskManagerMetrics("127.0.0.1", 0)).metrics();
        assertSame(unserved, served, "one registry per JVM, whichever operator asks first");
        try {
            int port = served.serve("127.0.0.1", 0); // already served: returns the port the provider started
            served.checkpoint("tm-test", "scored");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("aelle_checkpoints_total{result=\"scored\",study=\"tm-test\"} 1"), r.body());
        } finally {
            served.stopServing();
        }
    }
}
