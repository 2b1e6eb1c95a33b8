package io.aelle.producer.kafka;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.broker.TopicReader;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.PublishFailedException;
import io.aelle.kafka.TopicInitializer;
import io.aelle.wire.Topics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import io.aelle.wire.checkpoint.Tensor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publishers against a real embedded broker: what goes in comes out, byte for byte, under the right key. */
class KafkaPublishTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Topics topics(String prefix) {
        return new Topics(prefix + ".checkpoints", prefix + ".outcomes", prefix + ".probes", prefix + ".verdicts", prefix + ".dead-letters");
    }

    @Test
    void twentyMegabyteCheckpointArrivesByteForByte() {
        Topics topics = topics("big");
        try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
            init.initialize(topics, 1, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
        }
        byte[] file = TestCheckpoints.rnn("run-big", "study-big", 3, 10, 32, 5_000_000, 7).toBytes();
        assertTrue(file.length > 20_000_000, "checkpoint is " + file.length + " bytes");
        try (CheckpointPublisher publisher = new CheckpointPublisher(ProducerSettings.of(kafka.bootstrapServers()), topics)) {
            RecordMetadata meta = publisher.publish(file);
            assertEquals(topics.checkpoints(), meta.topic());
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topics.checkpoints(), 1);
        assertEquals(1, records.size());
        assertEquals("run-big", new String(records.get(0).key(), StandardCharsets.UTF_8));
        assertArrayEquals(file, records.get(0).value());
        assertEquals(3, Checkpoint.parse(records.get(0).value()).metadata().epoch());
    }

    @Test
    void outcomesAndProbesUseTheirKeys() {
        Topics topics = topics("keys");
        Outcome outcome = new Outcome("run-1", "study-1", 0.25, 10, Outcome.COMPLETED);
        Probe probe = new Probe("study-1", "sine", 0.1, "reference", 10,
                new Tensor("inputs", new int[] {2, 3, 1}, new double[] {1, 2, 3, 4, 5, 6}));
        try (KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(kafka.bootstrapServers()))) {
            OutcomePublisher outcomes = new OutcomePublisher(sender, topics);
            ProbePublisher probes = new ProbePublisher(sender, topics);
            CompletableFuture<RecordMetadata> a = outcomes.publishAsync(outcome);
            CompletableFuture<RecordMetadata> b = probes.publishAsync(probe);
            CompletableFuture.allOf(a, b).join();
            outcomes.close(); // a lent sender stays open
            probes.publish(probe);
        }
        ConsumerRecord<byte[], byte[]> o = TopicReader.read(kafka.bootstrapServers(), topics.outcomes(), 1).get(0);
        assertEquals("run-1", new String(o.key(), StandardCharsets.UTF_8));
        assertEquals(outcome, Outcome.parse(o.value()));
        List<ConsumerRecord<byte[], byte[]>> p = TopicReader.read(kafka.bootstrapServers(), topics.probes(), 2);
        assertEquals(2, p.size());
        assertEquals("study-1", new String(p.get(0).key(), StandardCharsets.UTF_8));
        assertEquals(probe.inputs(), Probe.parse(p.get(1).value()).inputs());
    }

    @Test
    void sinkPublishesEverythingAsynchronously() {
        Topics topics = topics("sink");
        try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), topics)) {
            for (int run = 0; run < 3; run++) {
                for (int epoch = 0; epoch <= 4; epoch++) {
                    sink.publishCheckpoint(TestCheckpoints.rnn("run-" + run, "study", epoch, 4, 8, 0, run * 100L + epoch));
                }
                sink.publishOutcome(new Outcome("run-" + run, "study", 0.5, 4, Outcome.COMPLETED));
            }
            sink.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> checkpoints = TopicReader.read(kafka.bootstrapServers(), topics.checkpoints(), 15,
                Duration.ofSeconds(30), Duration.ofMillis(300));
        assertEquals(15, checkpoints.size());
        Map<String, Integer> lastEpoch = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : checkpoints) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            int epoch = Checkpoint.parse(r.value()).metadata().epoch();
            assertEquals(lastEpoch.getOrDefault(key, -1) + 1, epoch, "epochs of one run arrive in order");
            lastEpoch.put(key, epoch);
        }
        assertEquals(3, TopicReader.read(kafka.bootstrapServers(), topics.outcomes(), 3).size());
    }

    @Test
    void aRecordTheBrokerRefusesFailsTheSinkInsteadOfVanishing() throws Exception {
        Topics topics = topics("small");
        Map<String, Object> p = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topics.checkpoints(), 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "100000")))).all().get();
        }
        Checkpoint big = TestCheckpoints.rnn("run-s", "s", 0, 1, 8, 200_000, 2); // 800 KB of random floats
        try (CheckpointPublisher publisher = new CheckpointPublisher(ProducerSettings.of(kafka.bootstrapServers()), topics)) {
            PublishFailedException e = assertThrows(PublishFailedException.class, () -> publisher.publish(big));
            assertTrue(e.getMessage().contains("run-s") && e.getMessage().contains(topics.checkpoints()), e.getMessage());
        }
        KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), topics);
        sink.publishCheckpoint(big);
        assertThrows(PublishFailedException.class, sink::flush);
        assertThrows(PublishFailedException.class, () -> sink.publishCheckpoint(big), "the sink stays failed");
        assertThrows(PublishFailedException.class, sink::close);
    }

    @Test
    void oversizedAndInvalidRecordsAreRefusedBeforeSending() {
        Topics topics = topics("refused");
        ProducerSettings small = ProducerSettings.of(kafka.bootstrapServers()).withMaxRecordBytes(64 * 1024);
        try (CheckpointPublisher publisher = new CheckpointPublisher(small, topics)) {
            byte[] big = TestCheckpoints.rnn("run-x", "s", 0, 1, 8, 20_000, 1).toBytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> publisher.publishAsync(big));
            assertTrue(e.getMessage().contains("over the record limit"), e.getMessage());
            assertThrows(SafetensorsFormatException.class, () -> publisher.publishAsync(new byte[] {1, 2, 3}));
        }
    }

    @Test
    void topicInitializerSetsConfigsAndIsIdempotent() throws Exception {
        Topics topics = topics("init");
        try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
            List<TopicInitializer.Result> first = init.initialize(topics, 2, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
            assertTrue(first.stream().allMatch(TopicInitializer.Result::created));
            List<TopicInitializer.Result> second = init.initialize(topics, 2, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
            assertTrue(second.stream().noneMatch(TopicInitializer.Result::created));
        }
        Map<String, Object> p = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.all().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            assertEquals("compact", value(configs, topics.probes(), "cleanup.policy"));
            assertEquals("compact", value(configs, topics.verdicts(), "cleanup.policy"));
            assertEquals("delete", value(configs, topics.checkpoints(), "cleanup.policy"));
            assertEquals(Integer.toString(64 << 20), value(configs, topics.checkpoints(), "max.message.bytes"));
            assertEquals(2, admin.describeTopics(List.of(topics.checkpoints())).allTopicNames().get()
                    .get(topics.checkpoints()).partitions().size());
        }
    }

    private static String value(Map<ConfigResource, Config> configs, String topic, String key) {
        return configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get(key).value();
    }
}
