package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.StudySource;
import io.aelle.model.dataset.TinySweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How {@code --from} picks a source (a directory, or a source added by name with its own options), reruns and the log. */
class DatasetCommandTest {

    @TempDir
    Path dir;

    /** A source that writes a tiny sweep beneath the output directory, with an option of its own. */
    static final class TinySweepSource implements StudySource {
        @Option(names = "--tiny-runs", defaultValue = "4", description = "runs the tiny source writes")
        int runs;
        String askedFor;

        @Override
        public Path sweepDirectory(String study, Path out) throws java.io.IOException {
            askedFor = study;
            Path sweep = out.resolve("tiny-sweep");
            TinySweep.write(sweep, study, runs, 2, 3);
            return sweep;
        }
    }

    @Test
    void anAddedSourceIsChosenByNameAndItsOptionsAreTheCommands() throws Exception {
        CommandLine cl = new CommandLine(new DatasetCommand());
        TinySweepSource source = new TinySweepSource();
        DatasetCommand.addSource(cl, "tiny", source);
        StringWriter help = new StringWriter();
        cl.setOut(new PrintWriter(help));
        assertEquals(0, cl.execute("--help"));
        assertTrue(help.toString().contains("--tiny-runs"), help.toString());
        assertTrue(help.toString().contains("DIR|kafka"), help.toString());

        Path out = dir.resolve("ds");
        cl = new CommandLine(new DatasetCommand());
        source = new TinySweepSource();
        DatasetCommand.addSource(cl, "tiny", source);
        assertEquals(0, cl.execute("--from", "tiny", "--tiny-runs", "3", "--study", "s", "--out", out.toString(), "--threads", "1"));
        assertEquals("s", source.askedFor);
        StudyDataset ds = StudyDataset.read(out);
        assertEquals(3, ds.runIds().size());
        assertEquals(3 * 3, ds.rows().size());
    }

    @Test
    void aDirectoryIsReadAsASweep() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "s", 2, 1, 5);
        Path out = dir.resolve("ds");
        assertEquals(0, new CommandLine(new DatasetCommand()).execute("--from", sweep.toString(), "--study", "s", "--out", out.toString(),
                "--threads", "1"));
        assertEquals(2 * 2, StudyDataset.read(out).rows().size());
        assertTrue(Files.isRegularFile(out.resolve(StudyDataset.FILE)));
    }

    @Test
    void kafkaWithoutTheKafkaSourceSaysWhereToRunIt() {
        DatasetCommand command = new DatasetCommand();
        new CommandLine(command).parseArgs("--from", "kafka", "--study", "s", "--out", dir.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, command::call);
        assertTrue(e.getMessage().contains("./aelle-monitor"), e.getMessage());
    }

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
        assertArrayEquals(dataset, Files.readAllBytes(ds.resolve(StudyDataset.FILE)), "the same dataset file");
    }
}
