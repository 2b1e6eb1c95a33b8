package io.aelle.monitor.metrics;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class InProcessMetricsTest {

    @Test
    void aShippedProviderYieldsItsOwnRegistryUntilClosed() throws Exception {
        MonitorMetrics a = new MonitorMetrics();
        MonitorMetrics b = new MonitorMetrics();
        try (InProcessMetrics pa = InProcessMetrics.of(a); InProcessMetrics pb = InProcessMetrics.of(b)) {
            MetricsProvider shipped = InstantiationUtil.clone(pa);
            assertSame(a, shipped.metrics());
            assertSame(b, InstantiationUtil.clone(pb).metrics());
            assertNotSame(shipped.metrics(), pb.metrics());
            pa.close();
            assertThrows(IllegalStateException.class, shipped::metrics);
        }
    }
}
