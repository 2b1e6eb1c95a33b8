package io.aelle.model.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns whole runs (never single rows) to train / validation / test by a hash of (seed, run id), so a run's
 * side never changes when other runs are added and train and evaluate agree without sharing state.
 */
public record RunSplit(long seed, double trainShare, double validationShare) {

    public enum Part { TRAIN, VALIDATION, TEST }

    public static final RunSplit DEFAULT = new RunSplit(20260101L, 0.6, 0.2);

    public RunSplit {
        if (!(trainShare > 0) || !(validationShare > 0) || !(trainShare + validationShare < 1)) {   // NaN fails too
            throw new IllegalArgumentException("split shares must be > 0 and leave room for a test part: "
                    + trainShare + ", " + validationShare);
        }
    }

    public Part partOf(String runId) {
        double u = unit(runId);
        return u < trainShare ? Part.TRAIN : u < trainShare + validationShare ? Part.VALIDATION : Part.TEST;
    }

    public List<DatasetRow> rows(List<DatasetRow> rows, Part part) {
        List<DatasetRow> out = new ArrayList<>();
        for (DatasetRow r : rows) {
            if (partOf(r.runId()) == part) {
                out.add(r);
            }
        }
        return out;
    }

    public long runs(List<String> runIds, Part part) {
        return runIds.stream().filter(r -> partOf(r) == part).count();
    }

    private double unit(String runId) {
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
