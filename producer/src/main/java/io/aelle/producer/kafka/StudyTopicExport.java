package io.aelle.producer.kafka;

import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Outcome;
import io.aelle.wire.RecordKeys;
import io.aelle.wire.SweepLayout;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one study from the checkpoints, outcomes and probes topics into a directory in the sweep layout
 * ({@code RUN-eEPOCH.safetensors}, {@code RUN.outcome.json}, {@code probes/STUDY.safetensors}; the names of
 * {@link io.aelle.wire.SweepLayout}), so the dataset builder reads Kafka and a recorded sweep alike.
 * <ul>
 *   <li>Terminates: reads every partition from its beginning up to the end offsets taken at the start
 *       ({@code read_committed}, so the last stable offsets), by manual assignment with no consumer group and no
 *       committed offsets: running it changes nothing on the cluster.</li>
 *   <li>Validates every record of the study as the streaming job does (bounded safetensors parse, outcome JSON,
 *       the key naming the record's run or study); a bad record is logged and counted, never fatal.</li>
 *   <li>Idempotent: the last record for each file wins; a file whose content is already that record's is left alone,
 *       so a rerun writes only what is new. Writes go to a hidden temporary name and are renamed when the whole read
 *       is done, so a reader never sees a partial file and a republished record is written once.</li>
 *   <li>Never deletes: a file whose record Kafka's retention has since removed stays in the mirror (and the dataset).</li>
 * </ul>
 * Not for two exports into the same directory at once.
 */
public final class StudyTopicExport {

    private static final Logger LOG = LoggerFactory.getLogger(StudyTopicExport.class);
    /** Outcomes are small JSON documents; the same bound as the attach sidecar and the publish command. */
    static final int MAX_OUTCOME_BYTES = 1 << 20;
    /** Run and study ids are file names of at most 200 characters; a longer key cannot be ours. */
    static final String TEMP_SUFFIX = ".export.tmp";
    private static final Duration POLL = Duration.ofMillis(200);

    /** Told after each poll. */
    public interface Progress {
        void recordsRead(long done, long total);
    }

    /**
     * @param checkpoints   checkpoint files of the study the topics hold (after duplicates)
     * @param outcomes      outcome files of the study
     * @param probes        1 when the study's probe was found, else 0
     * @param written       files created or replaced by this export
     * @param unchanged     files already present with the same content, left alone
     * @param rejected      records that failed validation (logged)
     * @param otherRecords  valid records of other studies and tombstones, skipped
     */
    public record Summary(int checkpoints, int outcomes, int probes, int written, int unchanged, int rejected, long otherRecords) {
    }

    private enum Kind { CHECKPOINT, OUTCOME, PROBE }

    private final KafkaConnection connection;
    private final String bootstrapServers;
    private final Topics topics;
    private final int maxRecordBytes;
    private final Duration timeout;

    /**
     * @param maxRecordBytes largest record value accepted (the producers' record limit)
     * @param timeout        how long to wait for the broker's metadata, and for progress while records remain
     */
    public StudyTopicExport(String bootstrapServers, Topics topics, int maxRecordBytes, Duration timeout) {
        this(KafkaConnection.plain(bootstrapServers), topics, maxRecordBytes, timeout);
    }

    public StudyTopicExport(KafkaConnection connection, Topics topics, int maxRecordBytes, Duration timeout) {
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("max record bytes must be at least 1024, got " + maxRecordBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        this.connection = connection;
        this.bootstrapServers = connection.bootstrapServers();
        this.topics = topics;
        this.maxRecordBytes = maxRecordBytes;
        this.timeout = timeout;
    }

    /** Default topics, the default record limit, a minute's patience. */
    public static StudyTopicExport of(String bootstrapServers) {
        return new StudyTopicExport(bootstrapServers, Topics.defaults(), ProducerSettings.DEFAULT_MAX_RECORD_BYTES, Duration.ofMinutes(1));
    }

    /**
     * Mirrors {@code study} into {@code dir} (created if needed).
     *
     * @throws IllegalArgumentException when the study id cannot be a file name
     * @throws IOException              when the broker does not answer or stops answering, or a file cannot be written
     */
    public Summary export(String study, Path dir, Progress progress) throws IOException {
        Path probes = dir.resolve(SweepLayout.PROBES);
        Path probeFile = probes.resolve(SweepLayout.probeFileName(study));
        Files.createDirectories(probes);
        deleteTemps(dir);
        deleteTemps(probes);
        Mirror mirror = new Mirror();
        long other = 0;
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long total = partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
            List<TopicPartition> remaining = new ArrayList<>(partitions);
            long done = 0;
            long lastProgress = System.nanoTime();
            while (true) {
                remaining.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
                long read = partitions.stream().mapToLong(tp -> Math.min(consumer.position(tp, timeout), end.get(tp)) - begin.get(tp)).sum();
                progress.recordsRead(read, total);
                if (read > done) {
                    done = read;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new IOException("Kafka at " + bootstrapServers + " sent nothing for " + timeout.toSeconds() + " s with "
                            + (total - done) + " of " + total + " records still to read");
                }
                if (remaining.isEmpty()) {
                    break;
                }
                // Finished partitions are paused so they stop fetching what was appended after the start.
                consumer.pause(partitions.stream().filter(tp -> !remaining.contains(tp)).toList());
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        other += accept(r, study, dir, probeFile, mirror) ? 0 : 1;
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IOException("no Kafka broker answered at " + bootstrapServers + " within " + timeout.toSeconds() + " s");
        } catch (KafkaException e) {
            throw new IOException("reading study '" + study + "' from Kafka at " + bootstrapServers + " failed: " + e.getMessage(), e);
        }
        return mirror.finish(other);
    }

    /**
     * Validates one record and offers it to the mirror when it belongs to the study.
     *
     * @return false when the record was skipped as another study's or a tombstone
     */
    private boolean accept(ConsumerRecord<byte[], byte[]> r, String study, Path dir, Path probeFile, Mirror mirror) throws IOException {
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        byte[] value = r.value();
        if (value == null) {
            return false; // a compaction tombstone: nothing to mirror, and never a file to delete under the builder
        }
        try {
            String key = key(r);
            if (r.topic().equals(topics.checkpoints())) {
                checkSize(value, maxRecordBytes);
                CheckpointMetadata m = Checkpoint.parse(value).metadata();
                if (!m.studyId().equals(study)) {
                    return false;
                }
                RecordKeys.requireKeyNames(key, m.runId(), "run_id");
                mirror.offer(dir.resolve(SweepLayout.checkpointFileName(m.runId(), m.epoch())), Kind.CHECKPOINT, value);
            } else if (r.topic().equals(topics.outcomes())) {
                checkSize(value, MAX_OUTCOME_BYTES);
                Outcome o = Outcome.parse(value);
                if (!o.studyId().equals(study)) {
                    return false;
                }
                RecordKeys.requireKeyNames(key, o.runId(), "run_id");
                mirror.offer(dir.resolve(SweepLayout.outcomeFileName(o.runId())), Kind.OUTCOME, value);
            } else {
                checkSize(value, maxRecordBytes);
                Probe p = Probe.parse(value);
                if (!p.studyId().equals(study)) {
                    return false;
                }
                RecordKeys.requireKeyNames(key, p.studyId(), "study_id");
                mirror.offer(probeFile, Kind.PROBE, value);
            }
        } catch (IllegalArgumentException e) { // SafetensorsFormatException is one
            mirror.rejected++;
            LOG.warn("skipping bad record {}: {}", where, e.getMessage());
        }
        return true;
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            throw new IllegalArgumentException("record has no key");
        }
        if (r.key().length > RecordKeys.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + r.key().length + " bytes, over " + RecordKeys.MAX_KEY_BYTES);
        }
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private static void checkSize(byte[] value, int limit) {
        if (value.length > limit) {
            throw new IllegalArgumentException("value is " + value.length + " bytes, over the limit of " + limit);
        }
    }

    private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : List.of(topics.checkpoints(), topics.outcomes(), topics.probes())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                LOG.warn("topic {} does not exist at {}: nothing read from it", topic, bootstrapServers);
                continue;
            }
            infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
        }
        return out;
    }

    Properties consumerProperties() {
        // A fetch must hold the largest record plus batch framing, as the broker's message limit does.
        String fetchBytes = Integer.toString(maxRecordBytes + (1 << 20));
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "aelle-study-export");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Retention deleting the segment being read moves the position to what is left, never past it.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, fetchBytes);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Temporaries an interrupted export left behind. */
    private static void deleteTemps(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + "*" + TEMP_SUFFIX)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The files of one export: each file's latest record staged under a temporary name until {@link #finish}. */
    private static final class Mirror {

        /** Per target file: its kind, and whether a record differing from the file on disk is staged. */
        private record Entry(Kind kind, boolean staged) {}

        private final Map<Path, Entry> files = new LinkedHashMap<>();
        int rejected;

        void offer(Path target, Kind kind, byte[] bytes) throws IOException {
            Path temp = temp(target);
            if (sameContent(target, bytes)) {
                Entry before = files.put(target, new Entry(kind, false));
                if (before != null && before.staged()) {
                    Files.deleteIfExists(temp); // an earlier, different record was superseded by the one on disk
                }
            } else {
                Files.write(temp, bytes);
                files.put(target, new Entry(kind, true));
            }
        }

        Summary finish(long other) throws IOException {
            Map<Kind, Integer> counts = new HashMap<>();
            int written = 0;
            for (Map.Entry<Path, Entry> e : files.entrySet()) {
                counts.merge(e.getValue().kind(), 1, Integer::sum);
                if (e.getValue().staged()) {
                    Files.move(temp(e.getKey()), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    written++;
                }
            }
            return new Summary(counts.getOrDefault(Kind.CHECKPOINT, 0), counts.getOrDefault(Kind.OUTCOME, 0),
                    counts.getOrDefault(Kind.PROBE, 0), written, files.size() - written, rejected, other);
        }

        private static Path temp(Path target) {
            return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
        }

        private static boolean sameContent(Path file, byte[] bytes) throws IOException {
            return Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
        }
    }
}
