package io.aelle.model.dataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assigns whole runs to train / validation / test by a hash of (seed, run id), so a run's side never changes when
 * other runs are added and train and evaluate agree without sharing state.
 */
public record RunSplit(long seed, double trainShare, double validationShare) implements RunPartition {

    public static final RunSplit DEFAULT = new RunSplit(20260101L, 0.6, 0.2);

    public RunSplit {
        if (!(trainShare > 0) || !(validationShare > 0) || !(trainShare + validationShare < 1)) {   // NaN fails too
            throw new IllegalArgumentException("split shares must be > 0 and leave room for a test part: "
                    + trainShare + ", " + validationShare);
        }
    }

    /** The default shares under another seed. */
    public static RunSplit seeded(long seed) {
        return new RunSplit(seed, DEFAULT.trainShare, DEFAULT.validationShare);
    }

    @Override
    public Part partOf(String runId) {
        double u = RunPartition.unit(seed, runId);
        return u < trainShare ? Part.TRAIN : u < trainShare + validationShare ? Part.VALIDATION : Part.TEST;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("train_share", trainShare);
        m.put("validation_share", validationShare);
        return m;
    }
}
