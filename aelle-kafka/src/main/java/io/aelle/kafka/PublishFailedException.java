package io.aelle.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Kafka did not acknowledge a record (broker unreachable, record too large, timeout); the message says which. */
public class PublishFailedException extends UncheckedIOException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, new IOException(message, cause));
    }
}
