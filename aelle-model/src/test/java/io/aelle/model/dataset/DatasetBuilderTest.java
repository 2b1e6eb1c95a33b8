package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.CpuSpectrumEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {

    @TempDir
    Path dir;

    @Test
    void buildsOneRowPerRunAndEpochAndRerunsComputeOnlyWhatIsNew() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 5, 3, 1);
        Files.delete(sweep.resolve("run004.outcome.json"));   // still running
        Path out = dir.resolve("ds");
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine(1)) {
            DatasetBuilder b = new DatasetBuilder(engine);
            DatasetBuilder.Summary first = b.build(sweep, "tiny", out, 0, null, (d, t, c) -> { });
            assertEquals(20, first.checkpoints());
            assertEquals(16, first.computed());
            assertEquals(4, first.withoutOutcome());
            StudyDataset ds = StudyDataset.read(out);
            assertEquals(16, ds.rows().size());
            assertEquals(4, ds.runIds().size());
            assertEquals(6, ds.header().spectrumLength(), "the study's largest hidden size");
            assertEquals(0.5, ds.header().lossThreshold());
            DatasetRow r = ds.rows().get(0);
            assertEquals("run000", r.runId());
            assertEquals(0, r.epoch());
            assertEquals(4, r.rawLength());
            assertEquals(1.0 / 3, ds.rows().get(1).fraction(), 1e-12);
            for (DatasetRow row : ds.rows()) {
                for (int i = 1; i < row.spectrum().length; i++) {
                    assertTrue(row.spectrum()[i] <= row.spectrum()[i - 1] + 1e-12, "sorted descending");
                }
            }
            // the run finishes: only its 4 checkpoints are new
            Files.writeString(sweep.resolve("run004.outcome.json"),
                    "{\"run_id\":\"run004\",\"study_id\":\"tiny\",\"final_val_loss\":0.3,\"epochs_completed\":3,\"status\":\"completed\"}");
            DatasetBuilder.Summary second = b.build(sweep, "tiny", out, 0, null, (d, t, c) -> { });
            assertEquals(4, second.computed());
            assertEquals(16, second.reused());
            StudyDataset again = StudyDataset.read(out);
            assertEquals(20, again.rows().size());
            assertArrayEquals(ds.rows().get(5).spectrum(), again.rows().get(5).spectrum());
        }
    }

    @Test
    void anExhaustedBudgetDefersWholeRunsAndARerunContinues() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 3, 2, 2);
        Path out = dir.resolve("ds");
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine(1)) {
            DatasetBuilder b = new DatasetBuilder(engine);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.build(sweep, "tiny", out, 0, java.time.Duration.ZERO, (d, t, c) -> { }));
            assertTrue(e.getMessage().contains("rerun to continue"), e.getMessage());
            DatasetBuilder.Summary all = b.build(sweep, "tiny", out, 0, null, (d, t, c) -> { });
            assertEquals(9, all.computed());
            assertEquals(3, StudyDataset.read(out).runIds().size());
        }
    }

    @Test
    void missingProbeOrStudyIsAClearError() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 1, 1, 1);
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine(1)) {
            DatasetBuilder b = new DatasetBuilder(engine);
            assertThrows(java.nio.file.NoSuchFileException.class, () -> b.build(sweep, "other", dir.resolve("x"), 0, null, (d, t, c) -> { }));
            assertThrows(java.nio.file.NoSuchFileException.class, () -> b.build(dir.resolve("nope"), "tiny", dir.resolve("x"), 0, null, (d, t, c) -> { }));
        }
    }
}
