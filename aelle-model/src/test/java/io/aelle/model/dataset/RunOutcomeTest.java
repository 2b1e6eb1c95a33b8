package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOutcomeTest {

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("run-1.outcome.json"), json);
    }

    private String error(String json) throws IOException {
        Path f = file(json);
        String msg = assertThrows(IllegalArgumentException.class, () -> RunOutcome.read(f), json).getMessage();
        assertTrue(msg.contains(f.toString()), "names the file: " + msg);
        assertFalse(msg.contains("\n"), "one line: " + msg);
        return msg;
    }

    @Test
    void readsWhatTheProducerWrites() throws IOException {
        RunOutcome o = RunOutcome.read(file(
                "{\"run_id\":\"run-1\",\"study_id\":\"smnist\",\"final_val_loss\":0.125,\"epochs_completed\":12,\"status\":\"completed\","
                        + "\"extra\":{\"ignored\":[1,2]}}"));
        assertEquals(new RunOutcome("run-1", "smnist", 0.125, 12, "completed"), o);
        assertEquals(0.125, o.finalLoss());
    }

    @Test
    void onlyRunAndStudyAreRequired() throws IOException {
        RunOutcome o = RunOutcome.read(file("{\"run_id\":\"r\",\"study_id\":\"s\"}"));
        assertNull(o.finalValLoss());
        assertNull(o.epochsCompleted());
        assertNull(o.status());
        assertTrue(Double.isNaN(o.finalLoss()), "no loss: not a finished run");
        assertTrue(Double.isNaN(RunOutcome.read(file("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":null}")).finalLoss()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400"})
    void aFailedRunsNonFiniteLossReadsAsNaN(String loss) throws IOException {
        RunOutcome o = RunOutcome.read(file("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":" + loss + ",\"status\":\"failed\"}"));
        assertTrue(Double.isNaN(o.finalLoss()), loss);
    }

    @Test
    void zeroLossIsAValidLoss() throws IOException {
        assertEquals(0.0, RunOutcome.read(file("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":0}")).finalLoss());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "{\"study_id\":\"s\"}; lacks run_id",
            "{\"run_id\":\"r\"}; lacks study_id",
            "{\"run_id\":null,\"study_id\":\"s\"}; lacks run_id",
            "{\"run_id\":\"  \",\"study_id\":\"s\"}; run_id must be a non-empty string",
            "{\"run_id\":7,\"study_id\":\"s\"}; run_id must be a non-empty string, got 7",
            "{\"run_id\":\"r\",\"study_id\":[\"s\"]}; study_id must be a non-empty string",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":\"0.5\"}; final_val_loss must be a number, got \"0.5\"",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":true}; final_val_loss must be a number",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":{}}; final_val_loss must be a number",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":-0.25}; final_val_loss must not be negative, got -0.25",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"epochs_completed\":2.5}; epochs_completed must be an integer >= 0",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"epochs_completed\":-1}; epochs_completed must be an integer >= 0",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"epochs_completed\":99999999999}; epochs_completed must be an integer >= 0",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"status\":3}; status must be a non-empty string",
    })
    void badFieldsAreNamed(String json, String expected) throws IOException {
        String msg = error(json);
        assertTrue(msg.contains(expected), msg);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "''; not a JSON object",
            "null; not a JSON object",
            "[1,2]; not a JSON object",
            "\"run\"; not a JSON object",
            "{\"run_id\":\"r\",; bad outcome JSON",
            "{\"run_id\":\"r\",\"study_id\":\"s\"} {}; bad outcome JSON",
            "{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":NaN}; bad outcome JSON",
    })
    void malformedJsonIsAOneLineError(String json, String expected) throws IOException {
        String msg = error(json);
        assertTrue(msg.contains(expected), msg);
    }

    @Test
    void oversizedFilesAreRefusedWithoutParsing() throws IOException {
        String pad = " ".repeat(1 << 20);
        String msg = error("{\"run_id\":\"r\",\"study_id\":\"s\"}" + pad);
        assertTrue(msg.contains("larger than 1048576 bytes"), msg);
        assertEquals("r", RunOutcome.read(file("{\"run_id\":\"r\",\"study_id\":\"s\"}" + pad.substring(40))).runId(),
                "just under the limit is read");
    }

    @Test
    void aMissingFileIsAnIoErrorNamingIt() {
        Path f = dir.resolve("absent.outcome.json");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RunOutcome.read(f));
        assertEquals(f.toString(), e.getFile());
    }
}
