package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyDatasetTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadIsLosslessIncludingQuotedHparamsAndMissingLosses() throws Exception {
        DatasetRow a = new DatasetRow("r,1", "{\"lr\":0.01,\"arch\":\"lstm\"}", 2, 4, Double.NaN, 0.25, 3, new double[] {-0.1, -1e-7, -3.5});
        DatasetRow b = new DatasetRow("r0", "{}", 0, 4, 1.5, 0.9, 2, new double[] {0.0, -1, -2});
        StudyDataset ds = new StudyDataset(DatasetHeader.of("s", "smnist", 0.5, "reference", 500, 3), List.of(a, b));
        assertEquals("r,1", ds.rows().get(0).runId(), "sorted by run id");
        Path f = dir.resolve("d.csv.gz");
        ds.write(f);
        StudyDataset back = StudyDataset.read(f);
        assertEquals(ds.header(), back.header());
        assertEquals(2, back.rows().size());
        DatasetRow a2 = back.rows().get(0);
        assertEquals(a.hparams(), a2.hparams());
        assertTrue(Double.isNaN(a2.valLoss()));
        assertArrayEquals(a.spectrum(), a2.spectrum());
        assertEquals(StudyDataset.sha256(ds.rows()), StudyDataset.sha256(back.rows()));
        assertEquals(List.of(0.0, 0.5), back.fractions());
    }

    @Test
    void wrongFormatIsAClearError() throws Exception {
        Path f = dir.resolve("bad.csv.gz");
        Files.writeString(f, "not gzip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyDataset.read(f));
        assertTrue(e.getMessage().contains("not a gzip"), e.getMessage());
    }

    @Test
    void runSplitKeepsRunsWholeAndIsStable() {
        RunSplit s = RunSplit.DEFAULT;
        int[] counts = new int[3];
        for (int i = 0; i < 1000; i++) {
            counts[s.partOf("run" + i).ordinal()]++;
            assertEquals(s.partOf("run" + i), s.partOf("run" + i));
        }
        assertEquals(600, counts[0], 60);
        assertEquals(200, counts[1], 40);
        assertEquals(200, counts[2], 40);
    }
}
