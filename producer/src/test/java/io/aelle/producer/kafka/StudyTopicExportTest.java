package io.aelle.producer.kafka;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.wire.Topics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetBuilder;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.producer.DirectoryCheckpointSink;
import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export against a real embedded broker: a tiny study published with the production publishers, beside another
 * study's records, corrupt records and an aborted transaction, mirrored into the sweep layout, mirrored again (nothing
 * rewritten), extended, and read by the dataset builder.
 */
class StudyTopicExportTest {

    private static final String STUDY = "export-study";
    private static final String OTHER = "other-study";
    private static final List<String> RUNS = List.of("run-a", "run-b", "run-c");
    private static final int EPOCHS = 3;
    private static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

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

    static Probe probe(String study) {
        Random r = new Random(study.hashCode());
        double[] x = new double[2 * 24 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return new Probe(study, "tiny", 0.5, "reference", 10, new Tensor(Probe.INPUTS, new int[] {2, 24, 3}, x));
    }

    static Checkpoint checkpoint(String study, String run, int epoch) {
        return TestCheckpoints.rnn(run, study, epoch, EPOCHS, 4, 0, (study + run).hashCode() * 31L + epoch);
    }

    @Test
    void mirrorsOneStudyIdempotentlyAndTheBuilderReadsIt() throws Exception {
        Topics topics = topics("export");
        try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
            init.initialize(topics, 2, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
        }
        Map<String, byte[]> expected = new LinkedHashMap<>();
        try (KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(kafka.bootstrapServers()))) {
            CheckpointPublisher checkpoints = new CheckpointPublisher(sender, topics);
            OutcomePublisher outcomes = new OutcomePublisher(sender, topics);
            ProbePublisher probes = new ProbePublisher(sender, topics);
            probes.publish(probe(OTHER));
            Probe probe = probe(STUDY);
            probes.publish(probe);
            expected.put("probes/" + STUDY + ".safetensors", probe.toBytes());
            for (String run : RUNS) {
                for (int e = 0; e < EPOCHS; e++) {
                    Checkpoint cp = checkpoint(STUDY, run, e);
                    checkpoints.publish(cp);
                    expected.put(io.aelle.wire.SweepLayout.checkpointFileName(run, e), cp.toBytes());
                }
                Outcome o = new Outcome(run, STUDY, 0.1 + RUNS.indexOf(run), EPOCHS, Outcome.COMPLETED);
                outcomes.publish(o);
                expected.put(io.aelle.wire.SweepLayout.outcomeFileName(run), o.toJson());
                checkpoints.publish(checkpoint(OTHER, run, 0));
                outcomes.publish(new Outcome(run, OTHER, 0.3, EPOCHS, Outcome.COMPLETED));
            }
            // Bad records, each skipped and counted: not a safetensors file, bad JSON, a key naming another run.
            KafkaRecordSender.await(sender.send(topics.checkpoints(), "run-a", "not a checkpoint".getBytes(StandardCharsets.UTF_8), "junk"));
            KafkaRecordSender.await(sender.send(topics.outcomes(), "run-b", "{\"run_id\":".getBytes(StandardCharsets.UTF_8), "bad json"));
            KafkaRecordSender.await(sender.send(topics.checkpoints(), "run-x", checkpoint(STUDY, "run-z", 0).toBytes(), "wrong key"));
        }
        publishAborted(topics, checkpoint(STUDY, "run-aborted", 0));

        Path mirror = dir.resolve("mirror");
        StudyTopicExport export = new StudyTopicExport(kafka.bootstrapServers(), topics, ProducerSettings.DEFAULT_MAX_RECORD_BYTES,
                Duration.ofSeconds(30));
        long[] lastProgress = new long[2];
        StudyTopicExport.Summary first = export.export(STUDY, mirror, (done, total) -> {
            lastProgress[0] = done;
            lastProgress[1] = total;
        });
        assertEquals(new StudyTopicExport.Summary(9, 3, 1, 13, 0, 3, 1 + 3 + 3), first);
        assertEquals(lastProgress[1], lastProgress[0], "progress ends at the total");
        assertEquals(expected.keySet(), files(mirror));
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(mirror.resolve(e.getKey())), e.getKey());
        }

        // A rerun rewrites nothing: every file keeps the old time stamped on it.
        for (String name : expected.keySet()) {
            Files.setLastModifiedTime(mirror.resolve(name), OLD);
        }
        StudyTopicExport.Summary second = export.export(STUDY, mirror, (done, total) -> { });
        assertEquals(new StudyTopicExport.Summary(9, 3, 1, 0, 13, 3, 7), second);
        for (String name : expected.keySet()) {
            assertEquals(OLD, Files.getLastModifiedTime(mirror.resolve(name)), name);
        }

        // New records: a new epoch is written; a checkpoint republished in a different version and then in the one
        // already mirrored ends as the mirrored one, so that file is left alone.
        Checkpoint late = checkpoint(STUDY, "run-a", EPOCHS);
        try (CheckpointPublisher checkpoints = new CheckpointPublisher(ProducerSettings.of(kafka.bootstrapServers()), topics)) {
            checkpoints.publish(late);
            checkpoints.publish(TestCheckpoints.rnn("run-b", STUDY, 0, EPOCHS, 4, 0, 12345));
            checkpoints.publish(checkpoint(STUDY, "run-b", 0));
        }
        StudyTopicExport.Summary third = export.export(STUDY, mirror, (done, total) -> { });
        assertEquals(new StudyTopicExport.Summary(10, 3, 1, 1, 13, 3, 7), third);
        String lateName = io.aelle.wire.SweepLayout.checkpointFileName("run-a", EPOCHS);
        assertArrayEquals(late.toBytes(), Files.readAllBytes(mirror.resolve(lateName)));
        for (String name : expected.keySet()) {
            assertEquals(OLD, Files.getLastModifiedTime(mirror.resolve(name)), name);
        }
        assertEquals(expected.size() + 1, files(mirror).size(), "no temporary files are left: " + files(mirror));

        Path out = dir.resolve("dataset");
        DatasetBuilder.Summary built;
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine(1)) {
            built = new DatasetBuilder(engine).build(mirror, STUDY, out, 0, null, (done, total, computed) -> { });
        }
        assertEquals(10, built.rows());
        assertEquals(10, built.computed());
        StudyDataset ds = StudyDataset.read(out);
        assertEquals(10, ds.rows().size());
        assertEquals(new HashSet<>(RUNS), new HashSet<>(ds.runIds()));
        assertEquals(EPOCHS + 1, ds.byRun().get("run-a").size());
    }

    @Test
    void aMissingTopicIsReadAsEmpty() throws Exception {
        Topics topics = topics("absent");
        StudyTopicExport.Summary s = new StudyTopicExport(kafka.bootstrapServers(), topics, ProducerSettings.DEFAULT_MAX_RECORD_BYTES,
                Duration.ofSeconds(10)).export(STUDY, dir, (done, total) -> { });
        assertEquals(new StudyTopicExport.Summary(0, 0, 0, 0, 0, 0, 0), s);
        assertEquals(Set.of(), files(dir));
    }

    @Test
    void noBrokerIsAOneLineError() {
        StudyTopicExport export = new StudyTopicExport("127.0.0.1:1", Topics.defaults(), ProducerSettings.DEFAULT_MAX_RECORD_BYTES,
                Duration.ofSeconds(2));
        IOException e = assertThrows(IOException.class, () -> export.export(STUDY, dir, (done, total) -> { }));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }

    @Test
    void aStudyIdThatCannotBeAFileNameIsRefused() {
        StudyTopicExport export = StudyTopicExport.of(kafka.bootstrapServers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> export.export("../up", dir, (d, t) -> { }));
        assertTrue(e.getMessage().contains("../up"), e.getMessage());
    }

    /** A checkpoint sent in a transaction that is then aborted: read_committed must never mirror it. */
    private static void publishAborted(Topics topics, Checkpoint cp) {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "export-test-aborted",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.checkpoints(), cp.metadata().runId().getBytes(StandardCharsets.UTF_8), cp.toBytes()));
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Every file under {@code root}, relative, with '/' separators. */
    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toSet());
        }
    }
}
