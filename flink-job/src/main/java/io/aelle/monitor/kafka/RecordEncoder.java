package io.aelle.monitor.kafka;

import java.io.Serializable;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns one job output into the Kafka record to write. */
@FunctionalInterface
public interface RecordEncoder<T> extends Serializable {

    ProducerRecord<byte[], byte[]> encode(T element);
}
