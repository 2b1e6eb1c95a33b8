package io.aelle.monitor.record;

/**
 * One record as it came off a topic: key, value bytes, the broker timestamp (publish time, epoch ms) and where it
 * sits in the topic (partition and offset; -1 when the source is not Kafka).
 * A Flink POJO so the raw bytes travel without Kryo.
 */
public class RawRecord {

    public String key;
    public byte[] value;
    public long timestamp;
    public int partition = -1;
    public long offset = -1;
    /** The table a table topic's record belongs to ({@link #PROBES} or {@link #BUNDLES}); null for a stream's record. */
    public String table;

    public static final String PROBES = "probes";
    public static final String BUNDLES = "bundles";

    public RawRecord() {}

    public RawRecord(String key, byte[] value, long timestamp) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    public RawRecord(String key, byte[] value, long timestamp, int partition, long offset) {
        this(key, value, timestamp);
        this.partition = partition;
        this.offset = offset;
    }

    public boolean isBundle() {
        return BUNDLES.equals(table);
    }

    /** The key to partition by; records without a key share one partition rather than failing. */
    public String partitionKey() {
        return key == null ? "" : key;
    }
}
