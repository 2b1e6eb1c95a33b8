package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the checkpoint to resume from: the newest complete one, across the job folders of earlier starts. */
class StateDirectoryTest {

    @TempDir
    Path dir;

    private Path checkpoint(String job, int n, long metadataMillis) throws Exception {
        Path chk = Files.createDirectories(dir.resolve("checkpoints").resolve(job).resolve("chk-" + n));
        if (metadataMillis >= 0) {
            Path metadata = Files.write(chk.resolve("_metadata"), new byte[] {1});
            Files.setLastModifiedTime(metadata, FileTime.fromMillis(metadataMillis));
        }
        return chk;
    }

    @Test
    void nothingToResumeInAnEmptyFolder() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        assertEquals(Optional.empty(), state.latestCompleted());
        Configuration conf = new Configuration();
        assertEquals(Optional.empty(), state.configure(conf));
        assertEquals(dir.resolve("checkpoints").toUri().toString(), conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION, conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertFalse(conf.contains(StateRecoveryOptions.SAVEPOINT_PATH));
    }

    @Test
    void resumesFromTheNewestCompleteCheckpointAndDropsOlderJobs() throws Exception {
        checkpoint("old-job", 7, 1_000);
        Path latest = checkpoint("last-job", 9, 2_000);
        checkpoint("last-job", 10, -1); // killed while writing: no _metadata
        checkpoint("killed-early", 1, -1);
        StateDirectory state = new StateDirectory(dir);
        assertEquals(Optional.of(latest), state.latestCompleted());

        Configuration conf = new Configuration();
        assertEquals(Optional.of(latest), state.configure(conf));
        assertEquals(latest.toUri().toString(), conf.get(StateRecoveryOptions.SAVEPOINT_PATH));
        assertTrue(Files.exists(latest.resolve("_metadata")), "the checkpoint resumed from is kept");
        assertFalse(Files.exists(dir.resolve("checkpoints").resolve("old-job")));
        assertFalse(Files.exists(dir.resolve("checkpoints").resolve("killed-early")));

        state.clear();
        assertEquals(Optional.empty(), state.latestCompleted(), "cleared: a fresh start");
    }

    @Test
    void theDefaultIsKeyedByGroupUnderTheProjectFolder() {
        String home = System.getProperty("aelle.home");
        try {
            System.setProperty("aelle.home", dir.toString());
            assertEquals(dir.resolve(".aelle/state/my_group"), StateDirectory.forGroup("my/group").path());
        } finally {
            if (home == null) {
                System.clearProperty("aelle.home");
            } else {
                System.setProperty("aelle.home", home);
            }
        }
    }
}
