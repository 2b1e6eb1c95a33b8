package io.aelle.wire.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** One training checkpoint: the safetensors tensors plus its parsed {@code aelle.*} metadata. */
public record Checkpoint(CheckpointMetadata metadata, Map<String, Tensor> tensors) {

    public static Checkpoint parse(byte[] safetensors) {
        return of(SafetensorsFile.read(safetensors));
    }

    /** The metadata of a checkpoint file, the file checked as {@link #parse} checks it, without decoding its tensors. */
    public static CheckpointMetadata parseMetadata(byte[] safetensors) {
        return CheckpointMetadata.parse(SafetensorsFile.readMetadata(safetensors));
    }

    public static Checkpoint read(Path file) throws IOException {
        return of(SafetensorsFile.read(file));
    }

    public static Checkpoint of(SafetensorsFile file) {
        return new Checkpoint(CheckpointMetadata.parse(file.metadata()), file.tensors());
    }

    public byte[] toBytes() {
        return new SafetensorsFile(tensors, metadata.toMap()).toBytes();
    }
}
