package io.aelle.app.producer;

import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import picocli.CommandLine.Option;

/** The Kafka options every command that talks to a broker shares: where it is, the topic names, the record limit. */
public final class KafkaOptions {

    private static final int REACHABLE_TIMEOUT_S = 10;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = ProducerSettings.DEFAULT_BOOTSTRAP_SERVERS,
            description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties for secured brokers (security.protocol, sasl.*, ssl.*), as in "
                    + "Kafka's --command-config files; secrets in it are never logged.")
    Path kafkaConfig;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = "" + ProducerSettings.DEFAULT_MAX_RECORD_BYTES,
            description = "Largest record sent, i.e. the largest checkpoint file (default: ${DEFAULT-VALUE}, 64 MiB).")
    int maxRecordBytes;

    @Option(names = "--checkpoints-topic", defaultValue = Topics.CHECKPOINTS, description = "Default: ${DEFAULT-VALUE}.")
    String checkpointsTopic;

    @Option(names = "--outcomes-topic", defaultValue = Topics.OUTCOMES, description = "Default: ${DEFAULT-VALUE}.")
    String outcomesTopic;

    @Option(names = "--probes-topic", defaultValue = Topics.PROBES, description = "Default: ${DEFAULT-VALUE}.")
    String probesTopic;

    @Option(names = "--verdicts-topic", defaultValue = Topics.VERDICTS, description = "Default: ${DEFAULT-VALUE}.")
    String verdictsTopic;

    @Option(names = "--dead-letters-topic", defaultValue = Topics.DEAD_LETTERS, description = "Default: ${DEFAULT-VALUE}.")
    String deadLettersTopic;

    @Option(names = "--bundles-topic", defaultValue = Topics.BUNDLES, description = "Default: ${DEFAULT-VALUE}.")
    String bundlesTopic;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The brokers and the client properties of {@code --kafka-config}; a bad file is a usage error naming it. */
    public KafkaConnection connection() {
        return KafkaConnection.of(bootstrapServers, kafkaConfig);
    }

    public Topics topics() {
        return new Topics(checkpointsTopic, outcomesTopic, probesTopic, verdictsTopic, deadLettersTopic, bundlesTopic);
    }

    public ProducerSettings producerSettings() {
        return ProducerSettings.of(connection()).withMaxRecordBytes(maxRecordBytes);
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** Fails fast, in one line, when no broker answers (instead of each send waiting out its own timeout). */
    public void requireReachable() throws IOException {
        KafkaConnection connection = connection();
        Properties p = connection.clientProperties();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(REACHABLE_TIMEOUT_S * 1000));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(REACHABLE_TIMEOUT_S * 1000));
        Admin admin = null;
        try {
            admin = Admin.create(p);
            admin.describeCluster().nodes().get(REACHABLE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException auth) {
                throw new IOException("Kafka at " + bootstrapServers + " refused this client's credentials (--kafka-config): "
                        + auth.getMessage());
            }
            throw new IOException("no Kafka broker answered at " + bootstrapServers + " within " + REACHABLE_TIMEOUT_S + " s ("
                    + (connection.secured() ? "check the security settings of --kafka-config " + kafkaConfig
                            : "start one with: ./aelle-monitor kafka; brokers that need TLS or SASL need --kafka-config FILE") + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + bootstrapServers);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalArgumentException("bad --bootstrap-servers '" + bootstrapServers + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO); // do not wait out the retries of a broker that is not there
            }
        }
    }
}
