package io.aelle.monitor.kafka;

import io.aelle.monitor.record.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A dead letter: the original key and bytes untouched; why, and where from, in headers. */
public class DeadLetterSerializer implements RecordEncoder<DeadLetter> {

    public static final String REASON = "aelle.reason";
    public static final String DETAIL = "aelle.detail";
    public static final String ORIGINAL_KEY = "aelle.original_key";
    public static final String ORIGIN = "aelle.origin";
    public static final String STUDY = "aelle.study_id";
    /** Header values are bounded so a huge message cannot make the record too large. */
    private static final int MAX_DETAIL_CHARS = 2000;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> encode(DeadLetter d) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, REASON, d.reason);
        add(headers, DETAIL, d.detail == null ? null
                : d.detail.length() > MAX_DETAIL_CHARS ? d.detail.substring(0, MAX_DETAIL_CHARS) : d.detail);
        add(headers, ORIGINAL_KEY, d.originalKey);
        add(headers, ORIGIN, d.origin);
        add(headers, STUDY, d.studyId);
        byte[] key = d.originalKey == null ? null : d.originalKey.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, key, d.value, headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
