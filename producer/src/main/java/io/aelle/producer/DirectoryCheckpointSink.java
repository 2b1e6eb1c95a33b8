package io.aelle.producer;

import io.aelle.wire.Outcome;
import io.aelle.wire.SweepLayout;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a stream in the sweep folder layout ({@link SweepLayout}) the {@code attach} sidecar watches and the
 * dataset builder reads. Every file is written under a temporary name, then renamed, so a watcher never sees a
 * partial file.
 */
public final class DirectoryCheckpointSink implements CheckpointSink {


    private final Path dir;

    public DirectoryCheckpointSink(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve(SweepLayout.PROBES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void publishProbe(Probe probe) {
        write(dir.resolve(SweepLayout.PROBES), SweepLayout.probeFileName(probe.studyId()), probe.toBytes());
    }

    @Override
    public void publishCheckpoint(Checkpoint checkpoint) {
        write(dir, SweepLayout.checkpointFileName(checkpoint.metadata().runId(), checkpoint.metadata().epoch()), checkpoint.toBytes());
    }

    @Override
    public void publishOutcome(Outcome outcome) {
        write(dir, SweepLayout.outcomeFileName(outcome.runId()), outcome.toJson());
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

    @Override
    public void close() {}
}
