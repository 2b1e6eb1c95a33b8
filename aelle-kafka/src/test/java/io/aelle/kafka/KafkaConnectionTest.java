package io.aelle.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"aelle\" password=\"s3cret-pw\";";

    @TempDir
    Path dir;

    @Test
    void readsStandardClientPropertiesAndAddsTheBootstrapServers() throws IOException {
        Path file = write("security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + JAAS.replace("\\", "\\\\")
                + "\nssl.truststore.location=/etc/kafka/truststore.jks\n# a comment\n");
        KafkaConnection c = KafkaConnection.of("broker:9093", file);
        Properties p = c.clientProperties();
        assertEquals("broker:9093", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals(JAAS, p.get("sasl.jaas.config"));
        assertEquals(4 + 1, p.size());
        assertTrue(c.secured());
        // Each call is a new Properties: a client's own settings never leak into the next client's.
        p.put("group.id", "x");
        assertFalse(c.clientProperties().containsKey("group.id"));
    }

    @Test
    void neverShowsASecret() throws IOException {
        Path file = write("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=" + JAAS
                + "\nssl.key.password=keypw\n");
        KafkaConnection c = KafkaConnection.of("broker:9092", file);
        String shown = c + " " + ProducerSettings.of(c);
        assertFalse(shown.contains("s3cret-pw") || shown.contains("keypw"), shown);
        assertTrue(shown.contains("sasl.mechanism=PLAIN") && shown.contains("sasl.jaas.config=(hidden)"), shown);
    }

    @Test
    void producerSettingsCarryTheConnectionButKeepTheirGuarantees() throws IOException {
        KafkaConnection c = KafkaConnection.of("broker:9092", write("security.protocol=SSL\n"));
        Properties p = ProducerSettings.of(c).withMaxRecordBytes(1 << 20).toProperties();
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("all", p.get("acks"));
        assertEquals(Integer.toString(1 << 20), p.get("max.request.size"));
    }

    @Test
    void refusesKeysTheMonitorSetsItselfAndMisspeltKeys() throws IOException {
        for (String key : new String[] {"bootstrap.servers", "enable.idempotence", "isolation.level", "transactional.id", "acks"}) {
            Path file = write(key + "=x\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaConnection.of("b:1", file));
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains(file.toString())
                    && e.getMessage().contains("set by the monitor itself"), e.getMessage());
        }
        Path typo = write("security.protocl=SSL\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaConnection.of("b:1", typo));
        assertEquals("--kafka-config " + typo + ": unknown Kafka client property 'security.protocl'", e.getMessage());
    }

    @Test
    void refusesAMissingOrOversizedFile() throws IOException {
        Path missing = dir.resolve("nope.properties");
        assertEquals("--kafka-config " + missing + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> KafkaConnection.of("b:1", missing)).getMessage());
        Path big = write("# " + "x".repeat((int) KafkaConnection.MAX_FILE_BYTES) + "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaConnection.of("b:1", big)).getMessage()
                .contains("a client config has at most " + KafkaConnection.MAX_FILE_BYTES));
    }

    @Test
    void plainHasNoPropertiesAndTravelsInAJobGraph() throws Exception {
        KafkaConnection plain = KafkaConnection.of("b:1", null);
        assertEquals(KafkaConnection.plain("b:1"), plain);
        assertFalse(plain.secured());
        assertEquals("b:1", plain.toString());
        KafkaConnection secured = new KafkaConnection("b:1", Map.of("security.protocol", "SSL"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(secured);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(secured, in.readObject());
        }
        assertThrows(IllegalArgumentException.class, () -> KafkaConnection.plain(" "));
    }

    private int files;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("client-" + files++ + ".properties");
        Files.writeString(f, text);
        return f;
    }
}
