package io.aelle.monitor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.monitor.local.CommittedReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verdict sink's failure paths, made to happen on purpose against a real broker rather than left to a random
 * kill: a transaction that fails (a record over the topic's size limit) is retried later, and the writer's later
 * batch waits behind it; once the limit is raised the retry commits; a batch replayed after a restore is signalled
 * "already committed" and not written again; a writer restored without state continues after the committed marker.
 */
class TransactionalCommitterTest {

    private static final String TOPIC = "committer.out";
    private static final String PREFIX = "committer-test";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of("max.message.bytes", "2048")))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** What the committer answered for one request. */
    private static final class Request implements CommitRequest<KafkaBatch> {
        final KafkaBatch batch;
        String answer = "none";

        Request(KafkaBatch batch) {
            this.batch = batch;
        }

        @Override
        public KafkaBatch getCommittable() {
            return batch;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            answer = "failed";
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            answer = "failed";
        }

        @Override
        public void retryLater() {
            answer = "retry";
        }

        @Override
        public void updateAndRetryLater(KafkaBatch committable) {
            answer = "retry";
        }

        @Override
        public void signalAlreadyCommitted() {
            answer = "already";
        }
    }

    private static KafkaBatch batch(long sequence, int valueBytes, String tag) {
        byte[] value = (tag + "-" + "x".repeat(valueBytes)).getBytes(StandardCharsets.UTF_8);
        return new KafkaBatch(0, sequence, List.of(new ProducerRecord<>(TOPIC, tag.getBytes(StandardCharsets.UTF_8), value)));
    }

    private static List<String> answers(Collection<Request> requests) {
        return requests.stream().map(r -> r.answer).toList();
    }

    private static List<String> committedKeys() {
        List<String> keys = new ArrayList<>();
        try (CommittedReader reader = new CommittedReader(kafka.bootstrapServers(), TOPIC)) {
            for (int i = 0; i < 4; i++) {
                reader.pollRecords(Duration.ofMillis(300)).forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
            }
        }
        return keys;
    }

    private static TransactionalCommitter committer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new TransactionalCommitter(p, PREFIX, new CommitMarkers(kafka.bootstrapServers(), PREFIX, TOPIC));
    }

    @Test
    void aFailedCommitIsRetriedInOrderAndAReplayedBatchIsAlreadyCommitted() throws Exception {
        try (TransactionalCommitter committer = committer()) {
            List<Request> first = List.of(new Request(batch(1, 10, "b1")), new Request(batch(0, 4096, "b0")));
            committer.commit(new ArrayList<>(first));
            assertEquals(List.of("retry", "retry"), answers(first),
                    "batch 0 is over the topic's limit: it fails, and batch 1 may not pass it");
            assertEquals(List.of(), committedKeys(), "nothing of the failed transaction is visible");

            try (Admin admin = admin()) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC),
                        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048576"), AlterConfigOp.OpType.SET)))).all().get();
            }
            List<Request> retry = List.of(new Request(batch(0, 4096, "b0")), new Request(batch(1, 10, "b1")));
            committer.commit(new ArrayList<>(retry));
            assertEquals(List.of("none", "none"), answers(retry), "committed: no signal is the committer's success");
            assertEquals(List.of("b0", "b1"), committedKeys());
        }
        try (TransactionalCommitter restored = committer()) {
            // After a restore Flink hands the same batches over again.
            List<Request> replay = List.of(new Request(batch(0, 4096, "b0")), new Request(batch(1, 10, "b1")));
            restored.commit(new ArrayList<>(replay));
            assertEquals(List.of("already", "already"), answers(replay));
            assertEquals(List.of("b0", "b1"), committedKeys(), "no record written twice");
        }

        TransactionalKafkaSink<String> sink = new TransactionalKafkaSink<>(kafka.bootstrapServers(), PREFIX, TOPIC,
                s -> new ProducerRecord<>(TOPIC, s.getBytes(StandardCharsets.UTF_8)), Map.of());
        assertEquals(List.of(2L), sink.restoreWriter(context(0), List.of()).snapshotState(1),
                "a writer without state continues after the committed marker");
        assertEquals(List.of(7L), sink.restoreWriter(context(0), List.of(7L)).snapshotState(1), "restored state wins");
    }

    /** The one thing the writer reads from its context: which subtask it is. */
    private static WriterInitContext context(int subtask) {
        TaskInfoImpl task = new TaskInfoImpl("verdicts-sink", 1, subtask, 1, 0);
        return (WriterInitContext) Proxy.newProxyInstance(WriterInitContext.class.getClassLoader(), new Class<?>[] {WriterInitContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getTaskInfo")) {
                        return task;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
