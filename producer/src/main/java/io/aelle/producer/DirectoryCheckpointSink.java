package io.aelle.producer;

import io.aelle.model.checkpoint.Checkpoint;
import io.aelle.model.checkpoint.Probe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Writes a stream in the {@code attach} sidecar's layout: {@code DIR/RUN-eEPOCH.safetensors} (one checkpoint per
 * file), {@code DIR/RUN.outcome.json}, and the study's probe as {@code DIR/probes/STUDY.safetensors} (a subfolder,
 * so the sidecar does not take it for a checkpoint). Every file is written under a temporary name, then renamed, so
 * a watcher never sees a partial file.
 */
public final class DirectoryCheckpointSink implements CheckpointSink {

    public static final String PROBES = "probes";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Path dir;

    public DirectoryCheckpointSink(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve(PROBES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public static String checkpointFileName(String runId, int epoch) {
        return String.format("%s-e%04d.safetensors", safe(runId), epoch);
    }

    public static String outcomeFileName(String runId) {
        return safe(runId) + ".outcome.json";
    }

    /** The probe's name inside the {@value #PROBES} subfolder. */
    public static String probeFileName(String studyId) {
        return safe(studyId) + ".safetensors";
    }

    @Override
    public void publishProbe(Probe probe) {
        write(dir.resolve(PROBES), probeFileName(probe.studyId()), probe.toBytes());
    }

    @Override
    public void publishCheckpoint(Checkpoint checkpoint) {
        write(dir, checkpointFileName(checkpoint.metadata().runId(), checkpoint.metadata().epoch()), checkpoint.toBytes());
    }

    @Override
    public void publishOutcome(Outcome outcome) {
        write(dir, outcomeFileName(outcome.runId()), outcome.toJson());
    }

    private static void write(Path folder, String name, byte[] bytes) {
        Path target = folder.resolve(name);
        Path temp = folder.resolve("." + name + ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Ids become file names: only a safe alphabet, so an id can never point outside the folder. */
    private static String safe(String id) {
        if (!SAFE_NAME.matcher(id).matches() || id.startsWith(".")) {
            throw new IllegalArgumentException("id '" + id + "' cannot be a file name (use letters, digits, '.', '_', '-')");
        }
        return id;
    }

    @Override
    public void close() {}
}
