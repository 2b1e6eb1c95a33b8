package io.aelle.kafka;

import io.aelle.wire.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the AeLLE topics with their configs (compaction for probes and verdicts, a large
 * {@code max.message.bytes} for topics that carry safetensors files). Idempotent: existing topics keep their
 * partitions and get their configs set to the same values.
 */
public final class TopicInitializer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
    private static final long TIMEOUT_S = 30;

    /** What one run did to one topic. */
    public record Result(String topic, boolean created, Map<String, String> configs) {}

    private final Admin admin;
    private final String bootstrapServers;

    public TopicInitializer(String bootstrapServers) {
        this(KafkaConnection.plain(bootstrapServers));
    }

    public TopicInitializer(KafkaConnection connection) {
        this.bootstrapServers = connection.bootstrapServers();
        Properties p = connection.clientProperties();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TimeUnit.SECONDS.toMillis(TIMEOUT_S)));
        this.admin = Admin.create(p);
    }

    /**
     * The topics and configs for a deployment.
     *
     * @param maxRecordBytes {@code max.message.bytes} of the topics that carry safetensors files
     */
    public static List<NewTopic> plan(Topics topics, int partitions, short replicationFactor, int maxRecordBytes) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be >= 1, got " + replicationFactor);
        }
        String large = Integer.toString(maxRecordBytes);
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put(topics.checkpoints(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, large,
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        configs.put(topics.outcomes(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        configs.put(topics.probes(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, large,
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        configs.put(topics.verdicts(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        configs.put(topics.bundles(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, large,
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        // A dead letter can be a whole rejected checkpoint.
        configs.put(topics.deadLetters(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, large,
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        List<NewTopic> out = new ArrayList<>();
        configs.forEach((name, cfg) -> out.add(new NewTopic(name, partitions, replicationFactor).configs(cfg)));
        return out;
    }

    /** Creates the missing topics and sets the configs of existing ones. */
    public List<Result> initialize(Topics topics, int partitions, short replicationFactor, int maxRecordBytes) {
        List<NewTopic> plan = plan(topics, partitions, replicationFactor, maxRecordBytes);
        Set<String> existing = new java.util.HashSet<>(get(admin.listTopics().names(), "list topics"));
        List<NewTopic> missing = plan.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> created = admin.createTopics(missing).values();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e : created.entrySet()) {
                try {
                    get(e.getValue(), "create topic " + e.getKey());
                } catch (PublishFailedException ex) {
                    if (!(ex.getCause().getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                    existing.add(e.getKey()); // created by someone else meanwhile
                }
            }
        }
        Map<ConfigResource, Collection<AlterConfigOp>> updates = new HashMap<>();
        for (NewTopic t : plan) {
            if (existing.contains(t.name())) {
                List<AlterConfigOp> ops = t.configs().entrySet().stream()
                        .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                        .toList();
                updates.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), ops);
            }
        }
        if (!updates.isEmpty()) {
            get(admin.incrementalAlterConfigs(updates).all(), "update topic configs");
        }
        List<Result> results = new ArrayList<>();
        for (NewTopic t : plan) {
            boolean created = !existing.contains(t.name());
            LOG.debug("topic {} {} {}", t.name(), created ? "created" : "exists, configs set:", t.configs());
            results.add(new Result(t.name(), created, t.configs()));
        }
        return results;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("could not " + what + " at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("could not " + what + ": no Kafka broker answered at " + bootstrapServers
                    + " within " + TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while trying to " + what, e);
        }
    }
}
