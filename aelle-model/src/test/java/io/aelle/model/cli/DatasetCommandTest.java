package io.aelle.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.TinySweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetCommandTest {

    @TempDir
    Path dir;

    /** Runs the command with stdout and stderr captured: {exit code, stdout, stderr}. */
    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new DatasetCommand()).execute(args);
            return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aRerunReusesEverySpectrumAndTheLogStaysShort() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 8, 4, 3);
        Path ds = dir.resolve("ds");
        String[] first = run("--from", sweep.toString(), "--study", "tiny", "--out", ds.toString(), "--threads", "1");
        assertEquals("0", first[0], first[2]);
        assertTrue(first[1].contains("40 rows from 8 runs (40 checkpoints of the study: 40 spectra computed, 0 reused"), first[1]);
        assertFalse(first[2].contains("\r"), "not a terminal: plain lines");
        long barLines = first[2].lines().filter(l -> l.startsWith("dataset tiny [")).count();
        assertTrue(barLines >= 2 && barLines <= 11, "a line per tenth at most, not one per checkpoint: " + first[2]);
        assertTrue(first[2].lines().anyMatch(l -> l.contains("] 40/40 ")), "the bar ends at the total: " + first[2]);
        byte[] dataset = Files.readAllBytes(ds.resolve(StudyDataset.FILE));

        String[] second = run("--from", sweep.toString(), "--study", "tiny", "--out", ds.toString(), "--threads", "1");
        assertEquals("0", second[0], second[2]);
        assertTrue(second[1].contains("0 spectra computed, 40 reused"), second[1]);
        assertEquals(StudyDataset.read(ds).rows().size(), 40);
        assertTrue(java.util.Arrays.equals(dataset, Files.readAllBytes(ds.resolve(StudyDataset.FILE))), "the same dataset file");
    }

    @Test
    void kafkaIsNotSupportedYetAndSaysWhatToDo() {
        DatasetCommand c = new DatasetCommand();
        c.from = "kafka";
        c.study = "s";
        c.out = dir;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::call);
        assertTrue(e.getMessage().contains("sweep --to DIR"), e.getMessage());
    }
}
