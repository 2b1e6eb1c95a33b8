package io.aelle.producer.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes checkpoints to the checkpoints topic: key run_id, value the complete safetensors file.
 * Files are validated before sending (a broken file never reaches the topic) and sent byte for byte.
 */
public final class CheckpointPublisher extends Publisher {

    public CheckpointPublisher(ProducerSettings settings, Topics topics) {
        super(new KafkaRecordSender(settings), topics, true);
    }

    /** Uses a producer shared with other publishers; closing this publisher leaves it open. */
    public CheckpointPublisher(KafkaRecordSender sender, Topics topics) {
        super(sender, topics, false);
    }

    /** Sends a checkpoint built in memory (tensors written as F32). */
    public CompletableFuture<RecordMetadata> publishAsync(Checkpoint checkpoint) {
        return send(checkpoint.metadata(), checkpoint.toBytes());
    }

    /**
     * Sends a safetensors file as is.
     *
     * @throws SafetensorsFormatException when the bytes are not a valid checkpoint
     */
    public CompletableFuture<RecordMetadata> publishAsync(byte[] safetensors) {
        return send(Checkpoint.parse(safetensors).metadata(), safetensors);
    }

    public RecordMetadata publish(Checkpoint checkpoint) {
        return KafkaRecordSender.await(publishAsync(checkpoint));
    }

    public RecordMetadata publish(byte[] safetensors) {
        return KafkaRecordSender.await(publishAsync(safetensors));
    }

    /**
     * Reads, validates and sends one file, waiting for the broker's acknowledgement.
     *
     * @throws IllegalArgumentException when the file is over the record limit
     * @throws SafetensorsFormatException when the file is not a valid checkpoint
     */
    public RecordMetadata publish(Path file) throws IOException {
        checkFileSize(file, sender);
        return publish(Files.readAllBytes(file));
    }

    private CompletableFuture<RecordMetadata> send(CheckpointMetadata meta, byte[] bytes) {
        return sender.send(topics.checkpoints(), meta.runId(), bytes,
                "checkpoint of run '" + meta.runId() + "' epoch " + meta.epoch());
    }

    /** Refuses, before reading it, a file that could not fit in one record. */
    static void checkFileSize(Path file, KafkaRecordSender sender) throws IOException {
        long size = Files.size(file);
        if (size > sender.settings().maxRecordBytes()) {
            throw new IllegalArgumentException(file + " is " + size + " bytes, over the record limit of "
                    + sender.settings().maxRecordBytes() + " bytes (raise --max-record-bytes and the topic's max.message.bytes)");
        }
    }
}
