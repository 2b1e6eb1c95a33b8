package io.aelle.producer.trainer;

import io.aelle.model.dataset.DatasetBuilder;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.embedding.BundleProvenance;
import io.aelle.model.autotrain.AutoTraining;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.wire.Outcome;
import io.aelle.producer.kafka.BundlePublisher;
import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.producer.kafka.StudyTopicExport;
import io.aelle.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The auto-trainer: watches the outcomes topic and the bundles table, and trains a study's bundle when
 * {@link AutoTraining} says it is time; publishes it to the bundles table only when it beats the strongest baseline.
 * <p>Both topics are read from the earliest offset on every start (no consumer group: the outcomes say how many runs
 * have finished, the table which bundle each study has). Training mirrors the study from its topics
 * ({@link StudyTopicExport}, as {@code dataset --from kafka}), builds its dataset (spectra by the CPU engine with the
 * probe's settings, cached in the work folder across attempts), then runs {@link AutoTraining}. After a refusal at
 * N finished runs the study is tried again once N + max(5, N/4) have finished. One study trains at a time, on the
 * calling thread of {@link #run()}; {@link #close()} ends it after the current poll or training.
 */
public final class StudyTrainer implements Runnable, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConnection connection;
    private final Topics topics;
    private final int maxRecordBytes;
    private final AutoTraining training;
    private final Path workDir;
    private final Consumer<String> log;
    private final Clock clock;
    /** Study → its finished runs (concurrent: {@link #finishedRuns()} may be read from another thread). */
    private final Map<String, Set<String>> finished = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, BundleProvenance> bundles = new HashMap<>();
    /** Study → finished runs needed before the next attempt (after a refusal). */
    private final Map<String, Integer> retryAt = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private volatile boolean stopped;

    /**
     * @param workDir where each study is mirrored and its dataset built ({@code <study>/})
     * @param log     progress and decisions, one line each
     */
    public StudyTrainer(KafkaConnection connection, Topics topics, int maxRecordBytes, AutoTraining training, Path workDir,
                        Consumer<String> log, Clock clock) {
        this.connection = connection;
        this.topics = topics;
        this.maxRecordBytes = maxRecordBytes;
        this.training = training;
        this.workDir = workDir;
        this.log = log;
        this.clock = clock;
    }

    /** Polls and trains until {@link #stop()} (or the thread is interrupted). */
    @Override
    public void run() {
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(maxRecordBytes));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(maxRecordBytes));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            readBundleTable(consumer);
            assignFromEarliest(consumer, List.of(topics.outcomes(), topics.bundles()));
            log.accept("trainer: watching " + topics.outcomes() + " and " + topics.bundles() + "; " + describe(training.settings()));
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                pollOnce(consumer);
            }
        }
    }

    /** The bundles table up to its end first, so a study that has a bundle is not trained again at a start. */
    private void readBundleTable(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = assignFromEarliest(consumer, List.of(topics.bundles()));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!stopped && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
            consumer.poll(POLL).forEach(this::bundle);
        }
    }

    /** One poll of both topics, then a training attempt for each study whose count of finished runs changed. */
    private void pollOnce(KafkaConsumer<byte[], byte[]> consumer) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            if (r.topic().equals(topics.outcomes())) {
                outcome(r.value());
            } else {
                bundle(r);
            }
        }
        List<String> studies = new ArrayList<>(changed);
        changed.clear();
        for (String study : studies) {
            if (stopped) {
                return;
            }
            int n = finished.get(study).size();
            String why = training.whyNotNow(n, bundles.get(study));
            if (why == null && n < retryAt.getOrDefault(study, 0)) {
                why = "refused before; tried again once " + retryAt.get(study) + " runs have finished (" + n + " now)";
            }
            if (why == null) {
                attempt(study, n);
            }
        }
    }

    private static List<TopicPartition> assignFromEarliest(KafkaConsumer<byte[], byte[]> consumer, List<String> names) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : names) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private void outcome(byte[] value) {
        Outcome o;
        try {
            o = Outcome.parse(value);
        } catch (IllegalArgumentException e) {
            return; // the job dead-letters bad outcomes; here they count for nothing
        }
        if (Outcome.STOPPED_EARLY.equals(o.status())) {
            return; // no final loss: not a training example
        }
        if (finished.computeIfAbsent(o.studyId(), s -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(o.runId())) {
            changed.add(o.studyId());
        }
    }

    private void bundle(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) { // a tombstone: the study's bundle was withdrawn
            if (r.key() != null) {
                bundles.remove(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        try {
            BundleArchive a = BundleArchive.parse(r.value());
            bundles.put(a.study(), a.provenance().orElseGet(() -> BundleProvenance.published(a.embedding(), clock.instant())));
        } catch (IllegalArgumentException e) {
            // the job dead-letters a bad bundle; the study keeps the one it had
        }
    }

    private void attempt(String study, int runs) {
        long start = System.nanoTime();
        log.accept("trainer: study " + study + ": " + runs + " runs finished; mirroring and training");
        AutoTraining.Result result;
        try {
            result = training.train(dataset(study), clock.instant(), what -> log.accept("trainer: study " + study + ": " + what));
        } catch (IOException | RuntimeException e) {
            // A study that cannot be trained now (a bad file, a broker hiccup) is tried again after more runs finish.
            result = new AutoTraining.Refused(study, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        String took = String.format(java.util.Locale.ROOT, " (%.1f s)", (System.nanoTime() - start) / 1e9);
        if (result instanceof AutoTraining.Trained t) {
            try (BundlePublisher publisher = new BundlePublisher(
                    ProducerSettings.of(connection).withMaxRecordBytes(maxRecordBytes), topics)) {
                publisher.publish(t.bundle());
            }
            bundles.put(study, t.bundle().provenance().orElseThrow());
            retryAt.remove(study);
            log.accept("trainer: " + t.summary() + took);
        } else {
            retryAt.put(study, runs + Math.max(5, runs / 4));
            log.accept("trainer: " + result.summary() + took);
        }
    }

    private StudyDataset dataset(String study) throws IOException {
        Path dir = workDir.resolve(study);
        Path mirror = dir.resolve("mirror");
        new StudyTopicExport(connection, topics, maxRecordBytes, Duration.ofSeconds(60)).export(study, mirror, (done, total) -> { });
        Path out = dir.resolve("dataset");
        Files.createDirectories(out);
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine()) {
            DatasetBuilder.Summary s = new DatasetBuilder(engine).build(mirror, study, out, 0, null, (done, total, computed) -> { });
            return StudyDataset.read(s.file());
        }
    }

    /** Runs this trainer on a daemon thread named {@code aelle-trainer}; {@link #close()} ends it. */
    public Thread startInBackground() {
        Thread t = new Thread(this, "aelle-trainer");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) -> log.accept("trainer: stopped by " + e));
        t.start();
        return t;
    }

    /** Runs that have finished per study, as counted so far. */
    public Map<String, Integer> finishedRuns() {
        Map<String, Integer> out = new HashMap<>();
        finished.forEach((s, runs) -> out.put(s, runs.size()));
        return out;
    }

    static String describe(AutoTraining.Settings s) {
        return "trains " + s.embedding().id() + " once " + s.minRuns() + " runs have finished (" + s.minPerClass()
                + " of each class), " + s.folds() + "-fold cross-validated against the baselines"
                + (s.features().isEmpty() ? "" : " and " + s.features().stream().map(f -> f.id()).toList());
    }

    /** Ends {@link #run()} after the current poll or training step. */
    @Override
    public void close() {
        stopped = true;
    }
}
