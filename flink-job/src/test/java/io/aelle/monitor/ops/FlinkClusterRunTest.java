package io.aelle.monitor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.TopicInitializer;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real distributed run: a standalone Flink cluster as separate JVMs (one JobManager, two TaskManagers, from
 * Flink's artifacts), the embedded broker, the monitor's job jar submitted through the REST API, a sweep's
 * checkpoints streamed while one TaskManager is killed; the job must recover and every checkpoint must get
 * exactly one verdict under read_committed. Runs in the integration-test phase (it needs the packaged jar).
 */
class FlinkClusterRunTest {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkClusterRunTest.class);
    private static final String STUDY = DashboardOnPrometheusTest.STUDY;
    private static final int RUNS = 8;
    private static final int EPOCHS = 8;
    private static final int TOTAL = RUNS * EPOCHS;
    private static final int KILL_AFTER = TOTAL / 3;

    @Test
    @Timeout(480)
    void jobSurvivesALostTaskManagerWithExactlyOneVerdictPerCheckpoint() throws Exception {
        assumeTrue(Boolean.getBoolean("aelle.cluster.run"),
                "runs in the integration-test phase after the job jar is packaged: mvn verify");
        Path target = Path.of("target").toAbsolutePath();
        Path jar = target.resolve("aelle-monitor-job.jar");
        assertTrue(Files.isRegularFile(jar), "the job jar " + jar + " (flink-job's shade execution)");
        String classpath = Files.readString(target.resolve("flink-cluster-classpath.txt")).trim();
        Path work = Files.createTempDirectory(target.resolve("tmp"), "flink-cluster");

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(work, classpath, 2, 2, Map.of(
                     "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString(),
                     "restart-strategy.type", "fixed-delay",
                     "restart-strategy.fixed-delay.attempts", "20",
                     "restart-strategy.fixed-delay.delay", "1 s"))) {
            KafkaWiring wiring = KafkaWiring.defaults(kafka.bootstrapServers());
            try (TopicInitializer topics = new TopicInitializer(kafka.bootstrapServers())) {
                topics.initialize(wiring.topics(), 2, (short) 1, wiring.maxRecordBytes());
            }
            String jarId = cluster.uploadJar(jar);
            String jobId = cluster.runJar(jarId, MonitorContract.JOB_ENTRY_CLASS, List.of(
                    "--bootstrap-servers", kafka.bootstrapServers(),
                    "--bundle", STUDY,
                    "--parallelism", "2",
                    "--checkpoint-interval", "PT1S",
                    "--probe-hold", "PT2M",
                    // Two TaskManagers on one host: each serves /metrics on a port of its own.
                    "--metrics-host", "127.0.0.1",
                    "--metrics-port", "0"), 2);
            cluster.await(Duration.ofSeconds(120), () -> cluster.allTasksRunning(jobId), "job " + jobId + " running");
            Map<String, Integer> placement = cluster.tasksPerTaskManager(jobId);
            LOG.info("job {} running; tasks per TaskManager {}", jobId, placement);
            assertEquals(2, placement.size(), "the job's tasks are spread over both TaskManagers: " + placement);

            AtomicInteger published = new AtomicInteger();
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> publishSweep(kafka.bootstrapServers(), published));
            cluster.await(Duration.ofSeconds(120), () -> published.get() >= KILL_AFTER && cluster.completedCheckpoints(jobId) >= 2,
                    KILL_AFTER + " checkpoints published and two Flink checkpoints completed");
            long checkpointsBeforeKill = cluster.completedCheckpoints(jobId);
            Instant killedAt = Instant.now();
            cluster.killTaskManager(1);
            LOG.info("killed TaskManager 1 after {} of {} checkpoints were published (Flink checkpoints completed: {})",
                    published.get(), TOTAL, checkpointsBeforeKill);
            assertTrue(published.get() < TOTAL, "the TaskManager died in the middle of the stream");

            cluster.await(Duration.ofSeconds(120), () -> cluster.restarts(jobId) >= 1, "the job to restart");
            cluster.await(Duration.ofSeconds(120), () -> cluster.allTasksRunning(jobId), "the job running again on one TaskManager");
            LOG.info("job running again on the surviving TaskManager {} ms after the kill (restarts: {})",
                    Duration.between(killedAt, Instant.now()).toMillis(), cluster.restarts(jobId));
            assertEquals(1, cluster.registeredTaskManagers(), "one TaskManager left");
            stream.get(120, TimeUnit.SECONDS);

            Map<String, Integer> verdicts = readVerdicts(kafka.bootstrapServers(), Duration.ofSeconds(150));
            Map<String, Integer> duplicates = new HashMap<>();
            verdicts.forEach((k, n) -> {
                if (n != 1) {
                    duplicates.put(k, n);
                }
            });
            assertTrue(duplicates.isEmpty(), "checkpoints with more than one committed verdict: " + duplicates);
            assertEquals(TOTAL, verdicts.size(), "every checkpoint gets its verdict; missing: " + missing(verdicts));
            assertTrue(cluster.completedCheckpoints(jobId) > checkpointsBeforeKill, "checkpoints complete after recovery");
            assertEquals("RUNNING", cluster.jobState(jobId));
            cluster.cancel(jobId);
        }
    }

    /** The sweep: a probe, then RUNS runs' checkpoints epoch by epoch, paced so the kill lands mid-stream. */
    private static void publishSweep(String bootstrap, AtomicInteger published) {
        try (KafkaCheckpointSink sink = KafkaCheckpointSink.connect(bootstrap)) {
            sink.publishProbe(MonitorStack.probe(STUDY, 0.5, 2, 40, 11));
            sink.flush();
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                for (int run = 0; run < RUNS; run++) {
                    Checkpoint c = MonitorStack.rnnCheckpoint("run-" + run, STUDY, epoch, EPOCHS, 8, 0.5 + 0.4 * run,
                            1.0 / epoch, 1000L * run + epoch);
                    sink.publishCheckpoint(c);
                    sink.flush();
                    published.incrementAndGet();
                    PrometheusServer.sleep(250);
                }
            }
        }
    }

    /** Committed verdicts per (run_id, epoch), read until all arrived and a few quiet seconds more. */
    private static Map<String, Integer> readVerdicts(String bootstrap, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-run-check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaWiring.defaults(bootstrap).topics().verdicts()));
            Instant end = Instant.now().plus(timeout);
            Instant quietUntil = null;
            while (Instant.now().isBefore(end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Verdict v = Verdict.parse(r.value());
                    counts.merge(v.runId() + "@" + v.epoch(), 1, Integer::sum);
                }
                if (counts.size() >= TOTAL && quietUntil == null) {
                    quietUntil = Instant.now().plusSeconds(5); // later duplicates would show up here
                }
                if (quietUntil != null && Instant.now().isAfter(quietUntil)) {
                    break;
                }
            }
        }
        return counts;
    }

    private static List<String> missing(Map<String, Integer> verdicts) {
        return java.util.stream.IntStream.range(0, TOTAL)
                .mapToObj(i -> "run-" + (i % RUNS) + "@" + (1 + i / RUNS))
                .filter(k -> !verdicts.containsKey(k)).toList();
    }
}
