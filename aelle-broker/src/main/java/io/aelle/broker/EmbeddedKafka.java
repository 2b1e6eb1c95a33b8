package io.aelle.broker;

import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM from the Kafka
 * server artifacts: loopback only, limits large enough for {@link ProducerSettings#DEFAULT_MAX_RECORD_BYTES 64 MiB}
 * checkpoints and a transaction log that works on one node. Its data lives in a temporary folder removed on close,
 * or in a folder of the caller's that is kept: started again on that folder, the broker has the same cluster id,
 * topics, records, committed offsets and transactions (the storage is formatted only the first time, and the
 * controller port is kept when it is still free).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    /**
     * Broker-wide message limit: the 64 MiB record limit plus room for batch framing. Consumers of the checkpoints
     * topic should set {@code max.partition.fetch.bytes} to this.
     */
    public static final int BROKER_MAX_MESSAGE_BYTES = ProducerSettings.DEFAULT_MAX_RECORD_BYTES + (1 << 20);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private static final String CONFIG_FILE = "server.properties";

    private final Path directory;
    private final boolean temporary;
    private final int port;
    private final KafkaRaftServer server;
    /** How this class's own admin client authenticates (empty without SASL). */
    private final KafkaConnection self;
    private boolean closed;

    private EmbeddedKafka(Path directory, boolean temporary, int port, KafkaRaftServer server, KafkaConnection self) {
        this.directory = directory;
        this.temporary = temporary;
        this.port = port;
        this.server = server;
        this.self = self;
    }

    /** Starts a broker on a free loopback port. */
    public static EmbeddedKafka start() throws IOException {
        return start(0);
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) and returns once it answers metadata requests.
     *
     * @throws IOException when the port is taken or the broker does not come up
     */
    public static EmbeddedKafka start(int port) throws IOException {
        return start(port, null);
    }

    /**
     * Starts a broker on {@code port} (0: the folder's earlier port if free, else any free one) with its data in
     * {@code dataDir}, created and formatted if new, else reused; null: a temporary folder removed on close.
     * Returns once it answers metadata requests.
     *
     * @throws IOException when the port is taken, the folder is not usable or the broker does not come up
     */
    public static EmbeddedKafka start(int port, Path dataDir) throws IOException {
        return start(port, dataDir, Map.of());
    }

    /**
     * A broker on a free port, temporary data, whose only client listener takes SASL/PLAIN logins of
     * {@code users} (name → password) and refuses every other client: for tests of secured clients.
     */
    public static EmbeddedKafka startWithSaslPlain(Map<String, String> users) throws IOException {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL broker needs at least one user");
        }
        return start(0, null, users);
    }

    private static EmbeddedKafka start(int port, Path dataDir, Map<String, String> saslUsers) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("aelle-kafka-") : Files.createDirectories(dataDir).toAbsolutePath();
        try {
            Properties earlier = temporary ? null : earlierProperties(dir);
            int brokerPort = port != 0 ? requireFree(port) : earlier == null ? freePort() : portOf(earlier, "advertised.listeners");
            int controllerPort = earlier == null ? freePort() : portOf(earlier, "controller.quorum.voters");
            Properties props = brokerProperties(dir, brokerPort, controllerPort);
            KafkaConnection self = KafkaConnection.plain(HOST + ":" + brokerPort);
            if (!saslUsers.isEmpty()) {
                String brokerPassword = Uuid.randomUuid().toString();
                props.putAll(saslPlainListener(brokerPort, controllerPort, brokerPassword, saslUsers));
                self = new KafkaConnection(self.bootstrapServers(), saslPlainClient(SELF_USER, brokerPassword));
            }
            if (earlier == null) {
                format(dir, props);
            } else {
                writeConfig(dir, props);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dir, temporary, brokerPort, server, self);
            try {
                kafka.awaitReady();
            } catch (IOException | RuntimeException e) {
                kafka.close();
                throw e;
            }
            LOG.info("Kafka broker ready at {} (data in {}{})", kafka.bootstrapServers(), dir, earlier == null ? "" : ", reused");
            return kafka;
        } catch (IOException | RuntimeException e) {
            if (temporary) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    /** The properties of an earlier broker on {@code dir} (formatted storage), or null when the folder is new. */
    private static Properties earlierProperties(Path dir) throws IOException {
        Path config = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config) || !Files.isRegularFile(dir.resolve("data").resolve("meta.properties"))) {
            if (Files.isDirectory(dir.resolve("data"))) {
                throw new IOException(dir + " holds a data folder but no formatted AeLLE broker storage; use an empty or earlier --data-dir");
            }
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    /**
     * The port an earlier broker on the folder had in {@code key} (its address ends {@code :PORT}) when it is still
     * free, else a free one: clients and the controller quorum keep their address across a restart.
     */
    private static int portOf(Properties earlier, String key) throws IOException {
        String address = earlier.getProperty(key, "");
        try {
            return requireFree(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        } catch (NumberFormatException | IOException e) {
            return freePort();
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's data folder (removed on close when temporary). */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (temporary) {
                deleteRecursively(directory);
            }
        }
    }

    static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + HOST + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dir.resolve("data").toString()),
                // One node: every internal topic has one replica. Few partitions make the first group join and
                // the first transaction (the Flink job's exactly-once sink) quick.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "1"),
                // Checkpoints are records of up to 64 MiB.
                Map.entry("message.max.bytes", Integer.toString(BROKER_MAX_MESSAGE_BYTES)),
                Map.entry("replica.fetch.max.bytes", Integer.toString(BROKER_MAX_MESSAGE_BYTES)),
                Map.entry("socket.request.max.bytes", Integer.toString(2 * BROKER_MAX_MESSAGE_BYTES)),
                // A small footprint on a shared machine: the cleaner's default 128 MiB dedupe buffer is for big logs.
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 << 20)),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("background.threads", "2"),
                Map.entry("log.cleaner.threads", "1")));
        return p;
    }

    private static Path writeConfig(Path dir, Properties props) throws IOException {
        Path config = dir.resolve(CONFIG_FILE);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(w, "AeLLE Monitor embedded KRaft broker");
        }
        return config;
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path config = writeConfig(dir, props);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()}, print);
        }
        if (status != 0) {
            throw new IOException("formatting the embedded Kafka storage failed (" + status + "): " + out.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** The broker's own login on a SASL listener: the inter-broker user, also used by {@link #awaitReady}. */
    private static final String SELF_USER = "broker";

    /** The client listener as SASL_PLAINTEXT with the PLAIN mechanism, inter-broker traffic included. */
    static Map<String, String> saslPlainListener(int brokerPort, int controllerPort, String brokerPassword,
                                                 Map<String, String> users) {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
                .append(" username=\"").append(SELF_USER).append("\" password=\"").append(brokerPassword).append('"')
                .append(" user_").append(SELF_USER).append("=\"").append(brokerPassword).append('"');
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        return Map.of(
                "listeners", "SASL_PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners", "SASL_PLAINTEXT://" + HOST + ":" + brokerPort,
                "inter.broker.listener.name", "SASL_PLAINTEXT",
                "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }

    /** The client properties of a SASL/PLAIN login, as a {@code --kafka-config} file would hold them. */
    public static Map<String, String> saslPlainClient(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    private void awaitReady() throws IOException {
        Properties p = self.clientProperties();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // Not up yet; retry until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("embedded Kafka at " + bootstrapServers() + " not ready after " + READY_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static int requireFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IOException("port " + port + " on " + HOST + " is already in use", e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", root, e.toString());
        }
    }
}
