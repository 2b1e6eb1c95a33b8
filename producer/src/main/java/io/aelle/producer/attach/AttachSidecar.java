package io.aelle.producer.attach;

import io.aelle.kafka.PublishFailedException;
import io.aelle.producer.kafka.CheckpointPublisher;
import io.aelle.producer.kafka.OutcomePublisher;
import io.aelle.wire.Outcome;
import io.aelle.wire.SweepLayout;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches to any trainer without code changes: watches a directory (WatchService plus a periodic rescan) and
 * publishes each {@code *.safetensors} checkpoint and {@code *.outcome.json} outcome exactly once.
 * <ul>
 *   <li>Only finished files: hidden and temporary names are ignored, and a file is taken once its size and time
 *       have stood still for the settle time. A checkpoint that parses as truncated while still recently
 *       modified is waited for, not rejected.</li>
 *   <li>Exactly once across restarts: a file is recorded in {@code DIR/.aelle-published} (fsynced) right after the
 *       broker acknowledges it. Only a crash between the acknowledgement and the fsync can repeat one file; the monitor
 *       dead-letters the repeat ({@code duplicate_checkpoint}) so it is never scored twice.</li>
 *   <li>A bad file moves to {@code DIR/rejected/} with {@code NAME.reason} beside it; the sidecar keeps going.
 *       A broker that is down is not the file's fault: the file stays and is retried.</li>
 * </ul>
 */
public final class AttachSidecar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AttachSidecar.class);
    public static final String LEDGER_NAME = ".aelle-published";
    public static final String REJECTED_DIR = "rejected";
    /** Name parts (between dots) trainers and tools use for files still being written. */
    private static final Set<String> TEMP_PARTS = Set.of("tmp", "temp", "part", "partial", "incomplete", "crdownload", "swp");
    private static final int MAX_OUTCOME_BYTES = 1 << 20;

    /**
     * @param settle      how long a file's size and time must stand still before it is read
     * @param rescan      interval of the periodic rescan (the watch events only make scans come sooner)
     * @param growthGrace how long after its last change a checkpoint that reads as truncated is waited for
     */
    public record Settings(Duration settle, Duration rescan, Duration growthGrace) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10));
        }
    }

    private record Observation(long size, long mtimeMillis, long firstSeenNanos) {}

    private final Path dir;
    private final Path rejectedDir;
    private final CheckpointPublisher checkpoints;
    private final OutcomePublisher outcomes;
    private final Settings settings;
    private final PublishedLedger ledger;
    private final WatchService watcher;
    private final Map<String, Observation> pending = new HashMap<>();
    private final Map<String, String> lastRetryMessage = new HashMap<>();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private Thread thread;

    public AttachSidecar(Path dir, CheckpointPublisher checkpoints, OutcomePublisher outcomes, Settings settings) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory to attach to");
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.rejectedDir = this.dir.resolve(REJECTED_DIR);
        this.checkpoints = checkpoints;
        this.outcomes = outcomes;
        this.settings = settings;
        try {
            this.ledger = PublishedLedger.open(this.dir.resolve(LEDGER_NAME));
        } catch (IOException e) {
            throw new IOException("cannot keep the record of published files in " + this.dir.resolve(LEDGER_NAME) + ": " + e, e);
        }
        this.watcher = FileSystems.getDefault().newWatchService();
        this.dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        LOG.info("attached to {} ({} files already published)", this.dir, ledger.size());
    }

    /** Files published since this sidecar started. */
    public int publishedCount() {
        return published.get();
    }

    /** Files moved to {@code rejected/} since this sidecar started. */
    public int rejectedCount() {
        return rejected.get();
    }

    /** Runs the watch loop on its own thread; {@link #close()} stops it. */
    public synchronized AttachSidecar start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("attach stopped: {}", e.getMessage());
            }
        }, "aelle-attach");
        thread.start();
        return this;
    }

    /** Waits until the loop started by {@link #start()} ends; rethrows what stopped it, if anything. */
    public void awaitTermination() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Watches and publishes until {@link #close()} (or interruption). */
    private void run() {
        try {
            while (running) {
                scan();
                long waitMs = pending.isEmpty() ? settings.rescan().toMillis() : Math.max(50, settings.settle().toMillis() / 2);
                WatchKey key = watcher.poll(waitMs, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents(); // the events only wake us: the scan looks at the directory itself
                    key.reset();
                }
            }
        } catch (ClosedWatchServiceException e) {
            // close() was called while waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("attach: cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One pass: publishes every settled file not yet published. */
    void scan() throws IOException {
        List<Path> ready = new ArrayList<>();
        Map<String, Observation> seen = new HashMap<>();
        long now = System.nanoTime();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!isCandidate(name)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    continue;
                }
                long size = attrs.size();
                long mtime = attrs.lastModifiedTime().toMillis();
                Observation before = pending.get(name);
                Observation obs = before != null && before.size == size && before.mtimeMillis == mtime ? before
                        : new Observation(size, mtime, now);
                try {
                    if (ledger.contains(file, size, mtime)) {
                        continue;
                    }
                } catch (NoSuchFileException e) {
                    continue;
                }
                seen.put(name, obs);
                if (now - obs.firstSeenNanos >= settings.settle().toNanos()) {
                    ready.add(file);
                }
            }
        }
        pending.clear();
        pending.putAll(seen);
        // Oldest first, so the epochs of a run and its outcome go out in the order they were written.
        ready.sort(Comparator.comparingLong((Path p) -> seen.get(p.getFileName().toString()).mtimeMillis)
                .thenComparing(p -> p.getFileName().toString()));
        for (Path file : ready) {
            if (!running) {
                return;
            }
            String name = file.getFileName().toString();
            try {
                if (process(file, seen.get(name))) {
                    pending.remove(name);
                }
            } catch (IOException e) {
                // Unreadable for now (permissions, a full disk for rejected/...): not the file's fault, try again later.
                warnOnce(name, "cannot handle " + name + " yet, will retry: " + e);
            }
        }
    }

    static boolean isCandidate(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(".") || lower.startsWith("~") || !(lower.endsWith(SweepLayout.CHECKPOINT_SUFFIX) || lower.endsWith(SweepLayout.OUTCOME_SUFFIX))) {
            return false;
        }
        // Only dot-separated parts: "run.tmp.safetensors" is a temporary file, "exp-temp-3.safetensors" a run's name.
        for (String part : lower.split("\\.")) {
            if (TEMP_PARTS.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** Publishes or rejects one settled file; false when it must be looked at again later. */
    private boolean process(Path file, Observation obs) throws IOException {
        String name = file.getFileName().toString();
        boolean isCheckpoint = name.toLowerCase(Locale.ROOT).endsWith(SweepLayout.CHECKPOINT_SUFFIX);
        long limit = isCheckpoint ? checkpoints.maxRecordBytes() : MAX_OUTCOME_BYTES;
        if (obs.size > limit) {
            reject(file, "file is " + obs.size + " bytes, over the limit of " + limit + " bytes");
            return true;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (after.size() != obs.size || after.lastModifiedTime().toMillis() != obs.mtimeMillis || bytes.length != obs.size) {
                return false; // still being written
            }
        } catch (NoSuchFileException e) {
            return true; // renamed or deleted meanwhile
        }
        try {
            RecordMetadata where;
            String what;
            if (isCheckpoint) {
                Checkpoint checkpoint = Checkpoint.parse(bytes);
                where = checkpoints.publish(bytes);
                what = "checkpoint run " + checkpoint.metadata().runId() + " epoch " + checkpoint.metadata().epoch();
            } else {
                Outcome outcome = Outcome.parse(bytes);
                where = outcomes.publish(outcome);
                what = "outcome of run " + outcome.runId() + " (" + outcome.status() + ")";
            }
            String at = where.topic() + "-" + where.partition() + "@" + where.offset();
            ledger.record(name, obs.size, obs.mtimeMillis, PublishedLedger.sha256(bytes), at);
            published.incrementAndGet();
            lastRetryMessage.remove(name);
            LOG.info("published {} from {} ({} bytes) to {}", what, name, bytes.length, at);
            return true;
        } catch (SafetensorsFormatException e) {
            boolean recent = System.currentTimeMillis() - obs.mtimeMillis < settings.growthGrace().toMillis();
            if (e.rule() == SafetensorsFormatException.Rule.TRUNCATED && recent) {
                return false; // a trainer writing in place: wait for the rest
            }
            reject(file, e.getMessage());
            return true;
        } catch (PublishFailedException e) {
            warnOnce(name, name + " not published yet, will retry: " + e.getMessage());
            return false;
        } catch (IllegalArgumentException e) {
            reject(file, e.getMessage());
            return true;
        }
    }

    /** Logs a retry once per file and message, not on every scan. */
    private void warnOnce(String name, String message) {
        if (!message.equals(lastRetryMessage.put(name, message))) {
            LOG.warn(message);
        }
    }

    private void reject(Path file, String reason) throws IOException {
        Files.createDirectories(rejectedDir);
        String name = file.getFileName().toString();
        Path target = rejectedDir.resolve(name);
        for (int i = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
            target = rejectedDir.resolve(name + "." + i);
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        Path reasonFile = rejectedDir.resolve(target.getFileName() + ".reason");
        Files.writeString(reasonFile, reason + "\nrejected at " + Instant.now() + " by the attach sidecar watching " + dir + "\n",
                StandardCharsets.UTF_8);
        rejected.incrementAndGet();
        LOG.warn("rejected {}: {} (moved to {})", name, reason, target);
    }

    /** Stops watching after the file in hand is published and recorded. */
    @Override
    public void close() throws IOException {
        running = false;
        watcher.close();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ledger.close();
        LOG.info("detached from {} ({} published, {} rejected)", dir, published.get(), rejected.get());
    }
}
