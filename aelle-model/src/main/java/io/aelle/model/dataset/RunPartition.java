package io.aelle.model.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which part each run belongs to. Whole runs, never single rows, go to one part: a run's checkpoints are strongly
 * correlated, so splitting rows would leak its outcome into training.
 */
public interface RunPartition {

    enum Part { TRAIN, VALIDATION, TEST }

    /** Every run counted as training: for rules that must see the whole study (a cross-validated study's threshold). */
    RunPartition ALL_TRAINING = new RunPartition() {
        @Override
        public Part partOf(String runId) {
            return Part.TRAIN;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("all_runs", true);
        }
    };

    Part partOf(String runId);

    /** What bundle.json and report.json record about the partition. */
    Map<String, Object> describe();

    default List<DatasetRow> rows(List<DatasetRow> rows, Part part) {
        List<DatasetRow> out = new ArrayList<>();
        for (DatasetRow r : rows) {
            if (partOf(r.runId()) == part) {
                out.add(r);
            }
        }
        return out;
    }

    default long runs(List<String> runIds, Part part) {
        return runIds.stream().filter(r -> partOf(r) == part).count();
    }

    /** A uniform number in [0, 1) from (seed, run id): stable whatever other runs exist. */
    static double unit(long seed, String runId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + ":" + runId).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 7; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v / (double) (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
