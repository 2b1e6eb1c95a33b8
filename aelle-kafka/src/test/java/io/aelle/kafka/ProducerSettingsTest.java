package io.aelle.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void everyPublisherIsIdempotentWithAllAcksAndOneRequestInFlight() {
        Properties p = ProducerSettings.of("localhost:9092").withMaxRecordBytes(1 << 20).toProperties();
        assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("1", p.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
        assertEquals(Integer.toString(1 << 20), p.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals("localhost:9092", p.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }
}
