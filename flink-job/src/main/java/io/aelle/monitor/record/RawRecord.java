package io.aelle.monitor.record;

/**
 * One record as it came off a topic: key, value bytes and the broker timestamp (publish time, epoch ms).
 * A Flink POJO so the raw bytes travel without Kryo.
 */
public class RawRecord {

    public String key;
    public byte[] value;
    public long timestamp;

    public RawRecord() {}

    public RawRecord(String key, byte[] value, long timestamp) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    /** The key to partition by; records without a key share one partition rather than failing. */
    public String partitionKey() {
        return key == null ? "" : key;
    }
}
