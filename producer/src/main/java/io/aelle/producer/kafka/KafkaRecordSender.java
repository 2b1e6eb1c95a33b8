package io.aelle.producer.kafka;

import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.PublishFailedException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * One Kafka producer shared by the publishers: size check before sending, a {@link CompletableFuture} per
 * record, blocking waits that fail with one readable {@link PublishFailedException}.
 */
public final class KafkaRecordSender implements AutoCloseable {

    /** Room for the key, headers and batch framing inside {@code max.request.size}. */
    static final int RECORD_OVERHEAD_BYTES = 1024;

    private final Producer<byte[], byte[]> producer;
    private final ProducerSettings settings;
    private volatile boolean closed;

    public KafkaRecordSender(ProducerSettings settings) {
        this.settings = settings;
        try {
            this.producer = new KafkaProducer<>(settings.toProperties());
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create a Kafka producer for '" + settings.bootstrapServers() + "': "
                    + cause.getMessage(), e);
        }
    }

    public ProducerSettings settings() {
        return settings;
    }

    /** The largest value a record may carry with the given key. */
    public int maxValueBytes(String key) {
        return settings.maxRecordBytes() - RECORD_OVERHEAD_BYTES - key.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Sends one record. A value over the record limit is an {@link IllegalArgumentException} right away;
     * delivery failures complete the future exceptionally with a {@link PublishFailedException}.
     *
     * @param what names the record in messages, e.g. "checkpoint run-7 epoch 3"
     */
    public CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value, String what) {
        if (closed) {
            throw new IllegalStateException("the Kafka publisher is closed");
        }
        if (value.length > maxValueBytes(key)) {
            throw new IllegalArgumentException(what + " is " + value.length + " bytes, over the record limit of "
                    + settings.maxRecordBytes() + " bytes (raise --max-record-bytes and the topic's max.message.bytes)");
        }
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (metadata, error) -> {
                if (error == null) {
                    result.complete(metadata);
                } else {
                    result.completeExceptionally(failure(what, topic, error));
                }
            });
        } catch (KafkaException e) {
            result.completeExceptionally(failure(what, topic, e));
        }
        return result;
    }

    /** Waits for a send; a failure becomes a {@link PublishFailedException}. */
    public static RecordMetadata await(CompletableFuture<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishFailedException p) {
                throw p;
            }
            throw new PublishFailedException("publishing failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka to acknowledge a record", e);
        }
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            producer.close();
        }
    }

    private PublishFailedException failure(String what, String topic, Throwable error) {
        return new PublishFailedException(what + " was not published to " + topic + " at " + settings.bootstrapServers()
                + ": " + error.getMessage(), error);
    }
}
