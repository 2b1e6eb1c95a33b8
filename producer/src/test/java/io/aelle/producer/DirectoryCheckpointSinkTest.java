package io.aelle.producer;

import io.aelle.wire.Outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach layout on disk: one file per checkpoint, outcome JSON, the probe apart, no temporary files left. */
class DirectoryCheckpointSinkTest {

    @Test
    void writesTheAttachLayout(@TempDir Path dir) throws Exception {
        Tensor w = new Tensor("rnn_layer.weight_hh_l0", new int[] {2, 2}, new double[] {1, 2, 3, 4});
        try (DirectoryCheckpointSink sink = new DirectoryCheckpointSink(dir)) {
            sink.publishProbe(new Probe("study-1", "smnist", 0.5, "reference", 500,
                    new Tensor(Probe.INPUTS, new int[] {1, 2, 1}, new double[] {0.25, 0.5})));
            for (int epoch = 0; epoch <= 2; epoch++) {
                sink.publishCheckpoint(new Checkpoint(new CheckpointMetadata("study-1-r000", "study-1", epoch, 2,
                        OptionalDouble.of(1.0 / (epoch + 1)), OptionalDouble.empty(), "rnn", "rnn_layer.", null, null), Map.of(w.name(), w)));
            }
            sink.publishOutcome(new Outcome("study-1-r000", "study-1", 0.33, 2, Outcome.COMPLETED));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("probes", "study-1-r000-e0000.safetensors", "study-1-r000-e0001.safetensors",
                    "study-1-r000-e0002.safetensors", "study-1-r000.outcome.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Checkpoint c = Checkpoint.read(dir.resolve("study-1-r000-e0002.safetensors"));
        assertEquals(2, c.metadata().epoch());
        assertEquals(1.0 / 3, c.metadata().valLoss().orElseThrow(), 1e-12);
        assertEquals(0.33, Outcome.parse(Files.readAllBytes(dir.resolve("study-1-r000.outcome.json"))).finalValLoss());
        Probe probe = Probe.parse(Files.readAllBytes(dir.resolve("probes/study-1.safetensors")));
        assertEquals(0.5, probe.lossThreshold());
        try (Stream<Path> all = Files.walk(dir)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files are renamed away");
        }
    }

    @Test
    void refusesIdsThatAreNotSafeFileNames(@TempDir Path dir) {
        try (DirectoryCheckpointSink sink = new DirectoryCheckpointSink(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sink.publishOutcome(new Outcome("../escape", "s", 1, 1, Outcome.COMPLETED)));
            assertTrue(e.getMessage().contains("../escape"));
        }
    }
}
