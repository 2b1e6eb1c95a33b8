package io.aelle.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordKeysTest {

    @Test
    void aKeyThatNamesTheRecordPasses() {
        assertEquals("run-1", RecordKeys.requireKeyNames("run-1", "run-1", "run_id"));
    }

    @Test
    void anotherKeyOrNoKeyIsRejectedNamingBoth() {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> RecordKeys.requireKeyNames("run-2", "run-1", "run_id"));
        assertTrue(other.getMessage().contains("'run-2'") && other.getMessage().contains("run_id 'run-1'"), other.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> RecordKeys.requireKeyNames(null, "study-a", "study_id"));
        assertTrue(none.getMessage().contains("no key") && none.getMessage().contains("study_id 'study-a'"), none.getMessage());
    }
}
