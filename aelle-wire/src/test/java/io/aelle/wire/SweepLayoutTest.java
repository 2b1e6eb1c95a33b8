package io.aelle.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SweepLayoutTest {

    @Test
    void namesFollowTheLayout() {
        assertEquals("run-7-e0003.safetensors", SweepLayout.checkpointFileName("run-7", 3));
        assertEquals("run-7.outcome.json", SweepLayout.outcomeFileName("run-7"));
        assertEquals(Path.of("sweep", "probes", "study.a.safetensors"), SweepLayout.probeFile(Path.of("sweep"), "study.a"));
    }

    @Test
    void whatTheReadersTakeIsWhatTheWriterWrites() {
        assertTrue(SweepLayout.isCheckpointFile(SweepLayout.checkpointFileName("r", 0)));
        assertTrue(SweepLayout.isOutcomeFile(SweepLayout.outcomeFileName("r")));
        assertFalse(SweepLayout.isCheckpointFile(SweepLayout.outcomeFileName("r")));
        assertFalse(SweepLayout.isCheckpointFile(".r-e0000.safetensors"), "hidden: a temporary file");
        assertFalse(SweepLayout.isOutcomeFile(".r.outcome.json"));
    }

    @Test
    void anIdThatCouldLeaveTheFolderIsRefused() {
        for (String bad : new String[] {"../x", "a/b", ".hidden", "", "a b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepLayout.outcomeFileName(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SweepLayout.probeFile(Path.of("sweep"), "../../etc"));
    }
}
