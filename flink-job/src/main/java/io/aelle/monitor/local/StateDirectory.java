package io.aelle.monitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * Durable Flink state of a job on this machine: checkpoints go to {@code DIR/checkpoints/<job id>/chk-N/}, are kept
 * when the job is cancelled or the process dies, and the next start resumes from the latest completed one.
 * <p>A checkpoint is complete when its {@code _metadata} file exists (Flink writes it last); a process killed while
 * writing one leaves a {@code chk-N} without it, which is skipped. Each start is a new job id; the latest completed
 * checkpoint is the one whose {@code _metadata} is newest (checkpoint numbers go on from the restored one, so the
 * number breaks ties). The new job restores without claiming it (Flink's default), so it stays valid until the new
 * job has checkpoints of its own; job folders older than the one resumed from are removed at start.
 */
public final class StateDirectory {

    private static final Pattern CHK = Pattern.compile("chk-(\\d+)");

    private final Path dir;

    public StateDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The default for consumer group {@code group}: {@code .aelle/state/<group>} under the project (the launcher's
     * {@code aelle.home}), else under the working directory.
     */
    public static StateDirectory forGroup(String group) {
        return new StateDirectory(projectFolder().resolve("state").resolve(group.replaceAll("[^A-Za-z0-9._-]", "_")));
    }

    /** The project's {@code .aelle} folder: under the launcher's {@code aelle.home}, else the working directory. */
    public static Path projectFolder() {
        return Path.of(System.getProperty("aelle.home", ".")).resolve(".aelle");
    }

    public Path path() {
        return dir;
    }

    Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** The latest completed checkpoint ({@code chk-N} folder), if any. */
    public Optional<Path> latestCompleted() {
        if (!Files.isDirectory(checkpoints())) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpoints())) {
            return jobs.filter(Files::isDirectory).flatMap(StateDirectory::completed)
                    .max(Comparator.comparingLong(StateDirectory::metadataTime).thenComparingLong(StateDirectory::number));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpoints(), e);
        }
    }

    /**
     * Points {@code conf} at this directory (retained checkpoints) and, when there is a completed checkpoint, at it
     * for the restore.
     *
     * @return the checkpoint the job resumes from, if any
     */
    Optional<Path> configure(Configuration conf) throws IOException {
        Files.createDirectories(checkpoints());
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        Optional<Path> resume = latestCompleted();
        if (resume.isPresent()) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, resume.get().toUri().toString());
            removeJobsOtherThan(resume.get().getParent());
        }
        return resume;
    }

    private void removeJobsOtherThan(Path keep) throws IOException {
        List<Path> others;
        try (Stream<Path> jobs = Files.list(checkpoints())) {
            others = jobs.filter(j -> Files.isDirectory(j) && !j.equals(keep)).toList();
        }
        for (Path job : others) {
            deleteTree(job);
        }
    }

    /** Removes every checkpoint kept here: the next start begins with empty state. */
    public void clear() throws IOException {
        deleteTree(dir);
    }

    private static void deleteTree(Path root) throws IOException {
        // A job just cancelled may still be removing its own checkpoint folders while this walks: a folder that
        // vanishes under the walk is gone already, so walk again (a few times at most).
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 3) {
                    throw e;
                }
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Stream<Path> completed(Path job) {
        try (Stream<Path> chks = Files.list(job)) {
            return chks.filter(c -> CHK.matcher(c.getFileName().toString()).matches() && Files.isRegularFile(c.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + job, e);
        }
    }

    private static long metadataTime(Path chk) {
        try {
            return Files.getLastModifiedTime(chk.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Path chk) {
        Matcher m = CHK.matcher(chk.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
