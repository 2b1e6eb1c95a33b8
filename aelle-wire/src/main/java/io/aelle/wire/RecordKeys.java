package io.aelle.wire;

/**
 * The record-key rule of every topic ({@link Topics}): a checkpoint's, an outcome's and a verdict's key is its
 * run_id; a probe's key is its study_id. The key is what Kafka partitions and compacts by, so a record whose key
 * names another run (or none) would be compacted away or joined with the wrong run: it is rejected, by the
 * monitor job (dead letter {@code key_mismatch}) and by the study export alike.
 */
public final class RecordKeys {

    /** Keys longer than this are not ids (ids are file names: at most 200 characters). */
    public static final int MAX_KEY_BYTES = 1024;

    private RecordKeys() {}

    /**
     * The key itself when it is present and equals the record's id; otherwise an {@link IllegalArgumentException}
     * naming both.
     *
     * @param field the id's field name, {@code run_id} or {@code study_id}
     */
    public static String requireKeyNames(String key, String id, String field) {
        if (key == null) {
            throw new IllegalArgumentException("record has no key; its key must be its " + field + " '" + id + "'");
        }
        if (!key.equals(id)) {
            throw new IllegalArgumentException("key '" + key + "' is not the record's " + field + " '" + id + "'");
        }
        return key;
    }
}
