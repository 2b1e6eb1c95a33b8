package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchPruningCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOneJsonLinePerPrunerAndOrderAndWritesTheSummaryAndChart() throws Exception {
        SyntheticStudy.of(40, 5, 6, 3).write(dir.resolve("ds").resolve(StudyDataset.FILE));
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchPruningCommand()).execute("--dataset", dir.resolve("ds").toString(), "--orders", "2",
                    "--startup-runs", "8", "--pruners", "none,median,asha,spectrum-logistic", "--out", dir.resolve("out").toString());
        } finally {
            System.setOut(out);
        }
        assertEquals(0, code);
        List<String> lines = o.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(8, lines.size(), "4 pruners x 2 orders");
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode j = json.readTree(line);
            assertEquals("pruning", j.get("bench").textValue());
            assertEquals(40, j.get("runs").intValue());
            if (j.get("pruner").textValue().equals("none")) {
                assertEquals(1.0, j.get("epochs_share").doubleValue(), 0.0);
                assertEquals(0.0, j.get("regret").doubleValue(), 0.0);
            }
        }
        assertNotEquals(lines.get(0), lines.get(4), "each order its own arrival seed");
        String md = Files.readString(dir.resolve("out/pruning.md"));
        assertTrue(md.contains("| spectrum-logistic | ") && md.contains("| asha | "), md);
        assertEquals(8, Files.readAllLines(dir.resolve("out/pruning.jsonl")).size());
        assertTrue(Files.size(dir.resolve("out/pruning.png")) > 1000);
    }

    @Test
    void tooManyStartupRunsIsAClearError() throws Exception {
        SyntheticStudy.of(10, 2, 4, 3).write(dir.resolve("small").resolve(StudyDataset.FILE));
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchPruningCommand()).execute("--dataset", dir.resolve("small").toString(), "--startup-runs", "10");
        } finally {
            System.setErr(err);
        }
        assertNotEquals(0, code);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("--startup-runs 10"), e.toString(StandardCharsets.UTF_8));
    }
}
