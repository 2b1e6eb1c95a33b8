package io.aelle.model.dataset;

import io.aelle.wire.RunTruth;
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
    void aFailedRunIsHighErrorAndARunStoppedEarlyIsLeftOutByTheRuleTheLiveJobUses() throws Exception {
        Path sweep = dir.resolve("sweep");
        TinySweep.write(sweep, "tiny", 4, 2, 1);
        Files.writeString(sweep.resolve("run001.outcome.json"),
                "{\"run_id\":\"run001\",\"study_id\":\"tiny\",\"final_val_loss\":null,\"epochs_completed\":2,\"status\":\"failed\"}");
        Files.writeString(sweep.resolve("run002.outcome.json"),
                "{\"run_id\":\"run002\",\"study_id\":\"tiny\",\"final_val_loss\":0.05,\"epochs_completed\":1,\"status\":\"stopped_early\"}");
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine(1)) {
            DatasetBuilder.Summary s = new DatasetBuilder(engine).build(sweep, "tiny", dir.resolve("ds"), 0, null, (d, t, c) -> { });
            assertEquals(3, s.withoutOutcome(), "the stopped run's 3 checkpoints");
        }
        StudyDataset ds = StudyDataset.read(dir.resolve("ds"));
        assertEquals(java.util.List.of("run000", "run001", "run003"), ds.runIds());
        for (DatasetRow r : ds.byRun().get("run001")) {
            assertEquals(Double.POSITIVE_INFINITY, r.finalLoss(), "failed: high error under any threshold");
            assertTrue(r.scored());
            assertEquals(RunTruth.HIGH_ERROR, RunTruth.of("failed", Double.NaN, ds.header().lossThreshold()));
            assertTrue(!r.lowError(ds.header().lossThreshold()));
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
