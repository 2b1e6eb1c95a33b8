package io.aelle.producer.kafka;

import io.aelle.wire.Topics;

/**
 * What the three publishers share: a {@link KafkaRecordSender}, either their own (closed with them) or one
 * lent by the caller so several publishers use a single producer (closed by the caller).
 */
public abstract class Publisher implements AutoCloseable {

    protected final KafkaRecordSender sender;
    protected final Topics topics;
    private final boolean ownsSender;

    protected Publisher(KafkaRecordSender sender, Topics topics, boolean ownsSender) {
        this.sender = sender;
        this.topics = topics;
        this.ownsSender = ownsSender;
    }

    /** The largest record this publisher sends (the producer's {@code max.request.size}). */
    public int maxRecordBytes() {
        return sender.settings().maxRecordBytes();
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        sender.flush();
    }

    /** Sends what is buffered; closes the producer when this publisher created it. */
    @Override
    public void close() {
        if (ownsSender) {
            sender.close();
        } else {
            sender.flush();
        }
    }
}
