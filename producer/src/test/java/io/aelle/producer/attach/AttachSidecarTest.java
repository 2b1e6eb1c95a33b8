package io.aelle.producer.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.broker.TopicReader;
import io.aelle.kafka.ProducerSettings;
import io.aelle.producer.kafka.CheckpointPublisher;
import io.aelle.producer.kafka.KafkaRecordSender;
import io.aelle.producer.kafka.OutcomePublisher;
import io.aelle.producer.kafka.TestCheckpoints;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach sidecar end to end against a real broker: exactly once across a restart, bad files set aside. */
class AttachSidecarTest {

    private static final AttachSidecar.Settings FAST = new AttachSidecar.Settings(Duration.ofMillis(150), Duration.ofMillis(300),
            Duration.ofSeconds(30));
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
        return Topics.defaults().withCheckpoints(prefix + ".checkpoints").withOutcomes(prefix + ".outcomes");
    }

    /** Writes like a trainer: a hidden temporary name in the same folder, then an atomic rename. */
    private void drop(String name, byte[] bytes) throws Exception {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void dropCheckpoint(int run, int epoch) throws Exception {
        drop(String.format("run-%d_epoch-%02d.safetensors", run, epoch),
                TestCheckpoints.rnn("run-" + run, "study", epoch, 5, 8, 0, run * 100L + epoch).toBytes());
    }

    private void dropOutcome(int run) throws Exception {
        drop("run-" + run + ".outcome.json", new Outcome("run-" + run, "study", 0.1 * run, 5, Outcome.COMPLETED).toJson());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private AttachSidecar attach(KafkaRecordSender sender, Topics topics) throws Exception {
        return new AttachSidecar(dir, new CheckpointPublisher(sender, topics), new OutcomePublisher(sender, topics), FAST).start();
    }

    @Test
    void restartInTheMiddleNeitherRepeatsNorSkips() throws Exception {
        Topics topics = topics("restart");
        int runs = 3;
        int epochs = 6; // epochs 0..5
        try (KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(kafka.bootstrapServers()))) {
            AttachSidecar first = attach(sender, topics);
            for (int e = 0; e < 3; e++) {
                for (int r = 0; r < runs; r++) {
                    dropCheckpoint(r, e);
                }
            }
            Files.write(dir.resolve("run-0_epoch-99.safetensors.tmp"), new byte[] {1, 2, 3}); // a partial file, never touched
            await(() -> first.publishedCount() >= 4, "the first sidecar to publish some files");
            first.close(); // stops mid-way: some of the 9 files are still unpublished
            int publishedBeforeRestart = first.publishedCount();

            for (int e = 3; e < epochs; e++) {
                for (int r = 0; r < runs; r++) {
                    dropCheckpoint(r, e);
                }
            }
            for (int r = 0; r < runs; r++) {
                dropOutcome(r);
            }
            try (AttachSidecar second = attach(sender, topics)) {
                int expectedAfterRestart = runs * epochs + runs - publishedBeforeRestart;
                await(() -> second.publishedCount() >= expectedAfterRestart, "the second sidecar to publish the rest");
                Thread.sleep(500); // a few more scans: nothing else may go out
                assertEquals(expectedAfterRestart, second.publishedCount());
                assertEquals(0, second.rejectedCount());
            }
        }

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topics.checkpoints(), runs * epochs,
                Duration.ofSeconds(30), Duration.ofMillis(500));
        Map<String, Integer> perKey = new TreeMap<>();
        Map<String, Integer> perKeyEpoch = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            perKey.merge(key, 1, Integer::sum);
            perKeyEpoch.merge(key + "@" + Checkpoint.parse(r.value()).metadata().epoch(), 1, Integer::sum);
        }
        assertEquals(Map.of("run-0", epochs, "run-1", epochs, "run-2", epochs), perKey);
        assertEquals(runs * epochs, perKeyEpoch.size(), "every (run, epoch) arrived");
        assertTrue(perKeyEpoch.values().stream().allMatch(n -> n == 1), "no (run, epoch) twice: " + perKeyEpoch);
        assertEquals(runs, TopicReader.read(kafka.bootstrapServers(), topics.outcomes(), runs, Duration.ofSeconds(30),
                Duration.ofMillis(300)).size());
        assertTrue(Files.exists(dir.resolve("run-0_epoch-99.safetensors.tmp")));
    }

    @Test
    void badFilesAreRejectedWithAReasonAndTheRestStillPublished() throws Exception {
        Topics topics = topics("bad");
        try (KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(kafka.bootstrapServers()));
             AttachSidecar sidecar = attach(sender, topics)) {
            dropCheckpoint(1, 0);
            drop("garbage.safetensors", "this is not a safetensors file".getBytes(StandardCharsets.UTF_8));
            drop("anonymous.safetensors", new SafetensorsFile(Map.of("w", new Tensor("w", new int[] {1}, new double[] {1})),
                    Map.of("aelle.study_id", "study")).toBytes());
            drop("run-9.outcome.json", "{\"run_id\":\"run-9\",\"status\":\"finished\"}".getBytes(StandardCharsets.UTF_8));
            dropCheckpoint(1, 1);
            dropOutcome(1);
            await(() -> sidecar.publishedCount() == 3 && sidecar.rejectedCount() == 3, "3 published and 3 rejected");
        }
        Path rejected = dir.resolve(AttachSidecar.REJECTED_DIR);
        assertReason(rejected, "garbage.safetensors", "HEADER_TOO_LARGE");
        assertReason(rejected, "anonymous.safetensors", "aelle.run_id");
        assertReason(rejected, "run-9.outcome.json", "outcome");
        assertFalse(Files.exists(dir.resolve("garbage.safetensors")));
        List<ConsumerRecord<byte[], byte[]>> checkpoints = TopicReader.read(kafka.bootstrapServers(), topics.checkpoints(), 2,
                Duration.ofSeconds(30), Duration.ofMillis(300));
        assertEquals(2, checkpoints.size());
        assertEquals(1, TopicReader.read(kafka.bootstrapServers(), topics.outcomes(), 1).size());
    }

    @Test
    void aFileWrittenInPlaceIsWaitedForNotRejected() throws Exception {
        Topics topics = topics("growing");
        byte[] whole = TestCheckpoints.rnn("run-g", "study", 1, 5, 64, 100_000, 3).toBytes();
        Path file = dir.resolve("run-g.safetensors");
        try (KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(kafka.bootstrapServers()));
             AttachSidecar sidecar = attach(sender, topics)) {
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
            Thread.sleep(4 * FAST.settle().toMillis()); // long enough to settle: it reads as truncated
            assertEquals(0, sidecar.rejectedCount());
            assertEquals(0, sidecar.publishedCount());
            Files.write(file, java.util.Arrays.copyOfRange(whole, whole.length / 2, whole.length), java.nio.file.StandardOpenOption.APPEND);
            await(() -> sidecar.publishedCount() == 1, "the completed file to be published");
            assertEquals(0, sidecar.rejectedCount());
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topics.checkpoints(), 1);
        assertTrue(java.util.Arrays.equals(whole, records.get(0).value()));
    }

    @Test
    void aBrokerThatIsDownIsNotTheFilesFault() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        ProducerSettings unreachable = ProducerSettings.of("127.0.0.1:" + deadPort).withMaxBlockMs(300);
        Topics topics = topics("down");
        try (KafkaRecordSender sender = new KafkaRecordSender(unreachable);
             AttachSidecar sidecar = attach(sender, topics)) {
            dropCheckpoint(4, 0);
            Thread.sleep(1500); // several attempts
            assertEquals(0, sidecar.publishedCount());
            assertEquals(0, sidecar.rejectedCount());
        }
        assertTrue(Files.exists(dir.resolve("run-4_epoch-00.safetensors")), "the file stays for the next attempt");
        assertEquals(0, Files.size(dir.resolve(AttachSidecar.LEDGER_NAME)));
        // The broker comes back (here: the real one): the same folder is published.
        try (KafkaRecordSender sender = new KafkaRecordSender(ProducerSettings.of(kafka.bootstrapServers()));
             AttachSidecar sidecar = attach(sender, topics)) {
            await(() -> sidecar.publishedCount() == 1, "the file to be published once a broker answers");
        }
    }

    @Test
    void recognisesTemporaryAndHiddenNames() {
        assertTrue(AttachSidecar.isCandidate("run-3_epoch-0007.safetensors"));
        assertTrue(AttachSidecar.isCandidate("run-3.outcome.json"));
        assertTrue(AttachSidecar.isCandidate("exp-temp_part-3.safetensors"), "temp-like words inside a run name");
        for (String name : new String[] {".run.safetensors", "run.safetensors.tmp", "run.tmp.safetensors", "run.safetensors.part",
            "~run.safetensors", "run.json", "run.partial.safetensors", "notes.txt"}) {
            assertFalse(AttachSidecar.isCandidate(name), name);
        }
    }

    private static void assertReason(Path rejected, String name, String mentions) throws Exception {
        assertTrue(Files.exists(rejected.resolve(name)), name + " moved to rejected/");
        String reason = Files.readString(rejected.resolve(name + ".reason"));
        assertTrue(reason.contains(mentions), name + ".reason should mention " + mentions + ": " + reason);
    }
}
