package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Checkpoint checkpoint() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(CheckpointMetadata.RUN_ID, "run-4");
        meta.put(CheckpointMetadata.STUDY_ID, "smnist");
        meta.put(CheckpointMetadata.EPOCH, "2");
        meta.put(CheckpointMetadata.TOTAL_EPOCHS, "10");
        meta.put(CheckpointMetadata.VAL_LOSS, "0.75");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("rnn_layer.weight_hh_l0", new Tensor("rnn_layer.weight_hh_l0", new int[] {2, 2}, new double[] {0.5, -0.25, 1, 2}));
        tensors.put("fc.bias", new Tensor("fc.bias", new int[] {1}, new double[] {-3}));
        return new Checkpoint(CheckpointMetadata.parse(meta), tensors);
    }

    @Test
    void bytesAndFilesRoundTripTensorsAndMetadata() throws IOException {
        Checkpoint c = checkpoint();
        byte[] bytes = c.toBytes();
        Checkpoint back = Checkpoint.parse(bytes);
        assertEquals(c.metadata(), back.metadata());
        assertEquals(c.tensors(), back.tensors(), "F32-exact values survive");
        assertEquals(0.2, back.metadata().fraction());
        Path f = Files.write(dir.resolve("run-4-e0002.safetensors"), bytes);
        assertEquals(c.tensors(), Checkpoint.read(f).tensors());
        assertArrayEquals(bytes, Checkpoint.read(f).toBytes(), "writing is deterministic");
    }

    @Test
    void aSafetensorsFileWithoutCheckpointMetadataIsRefusedByRule() {
        byte[] plain = new SafetensorsFile(Map.of("w", new Tensor("w", new int[] {1}, new double[] {1})), Map.of()).toBytes();
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Checkpoint.parse(plain));
        assertEquals(SafetensorsFormatException.Rule.MISSING_METADATA, e.rule());
        assertEquals("MISSING_METADATA: " + e.detail(), e.getMessage(), "the message names the rule, then the detail");
    }
}
