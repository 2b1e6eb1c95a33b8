package io.aelle.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the brokers are and how every client of this project authenticates to them: the bootstrap servers and the
 * standard Kafka client properties of a {@code --kafka-config FILE} ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}, ...). Each producer, consumer and admin client starts from {@link #clientProperties()} and adds
 * its own settings.
 *
 * <p>The file is input from a user, so it is bounded and checked: a misspelt key is an error naming it, and the
 * keys the monitor's guarantees depend on (idempotence, transactions, read_committed, serialisers, groups) are
 * refused instead of silently overriding them. {@link #toString()} never shows a secret.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) implements Serializable {

    /** A client config is a few lines; anything bigger is not one. */
    static final long MAX_FILE_BYTES = 64 * 1024;

    /** Set by the code that creates each client; a file may not change them. */
    static final Set<String> OWNED_KEYS = Set.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.ACKS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|jaas|secret|token|credential).*");

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required (host:port)");
        }
        properties = Map.copyOf(properties);
    }

    /** Brokers reached without TLS or SASL. */
    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * Reads {@code --kafka-config FILE} (Java properties syntax, as Kafka's own tools take with
     * {@code --command-config}); {@code file} null means none.
     *
     * @throws IllegalArgumentException naming the file and the bad key or value
     */
    public static KafkaConnection of(String bootstrapServers, Path file) {
        if (file == null) {
            return plain(bootstrapServers);
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("--kafka-config " + file + " has " + size + " bytes; a client config has at most "
                        + MAX_FILE_BYTES);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--kafka-config " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-config " + file + " cannot be read: " + e.getMessage());
        }
        return new KafkaConnection(bootstrapServers, parse(text, "--kafka-config " + file));
    }

    static Map<String, String> parse(String text, String source) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a properties file: " + e.getMessage());
        }
        Set<String> known = new TreeSet<>(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (OWNED_KEYS.contains(key)) {
                throw new IllegalArgumentException(source + ": " + key + " is set by the monitor itself"
                        + (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) ? " (use --bootstrap-servers)" : "")
                        + "; remove it from the file");
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown Kafka client property '" + key + "'");
            }
            out.put(key, p.getProperty(key).trim());
        }
        return out;
    }

    /** A new {@link Properties} with the bootstrap servers and the file's properties; each client adds its own. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** True when the brokers are reached with TLS or SASL (a hint for connection errors). */
    public boolean secured() {
        return !properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT").equalsIgnoreCase("PLAINTEXT");
    }

    @Override
    public String toString() {
        return bootstrapServers + (properties.isEmpty() ? "" : properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (SECRET_KEY.matcher(e.getKey()).matches() ? "(hidden)" : e.getValue()))
                .collect(Collectors.joining(", ", " [", "]")));
    }
}
