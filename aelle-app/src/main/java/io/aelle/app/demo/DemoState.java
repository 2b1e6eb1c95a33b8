package io.aelle.app.demo;

import io.aelle.wire.Outcome;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the demo has seen on the topics, per run: its latest checkpoint's loss, latest verdict and outcome. */
final class DemoState {

    /** One run's row of the live table. */
    static final class RunRow {
        final String runId;
        int epoch = -1;
        int totalEpochs;
        double valLoss = Double.NaN;
        Verdict verdict;
        Outcome outcome;

        RunRow(String runId) {
            this.runId = runId;
        }
    }

    private final Map<String, RunRow> runs = new TreeMap<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private final java.util.Set<String> checkpointsWithVerdict = new java.util.HashSet<>();
    /** The first bundle that arrived on the bundles table for the study, and when (broker time, epoch ms). */
    private io.aelle.model.embedding.BundleArchive bundle;
    private long bundleAt = -1;
    private int checkpoints;

    synchronized void checkpoint(byte[] safetensors) {
        try {
            var meta = Checkpoint.parse(safetensors).metadata();
            checkpoints++;
            RunRow r = row(meta.runId());
            if (meta.epoch() >= r.epoch) {
                r.epoch = meta.epoch();
                r.totalEpochs = meta.totalEpochs();
                r.valLoss = meta.valLoss().orElse(Double.NaN);
            }
        } catch (IllegalArgumentException e) {
            // the job dead-letters it; the demo only counts good ones
        }
    }

    synchronized void verdict(Verdict v) {
        verdicts.add(v);
        checkpointsWithVerdict.add(v.runId() + "@" + v.epoch());
        RunRow r = row(v.runId());
        if (r.verdict == null || v.epoch() >= r.verdict.epoch()) {
            r.verdict = v;
        }
    }

    synchronized void outcome(Outcome o) {
        row(o.runId()).outcome = o;
    }

    private RunRow row(String runId) {
        return runs.computeIfAbsent(runId, RunRow::new);
    }

    synchronized List<RunRow> rows() {
        return new ArrayList<>(runs.values());
    }

    synchronized List<Verdict> verdicts() {
        return new ArrayList<>(verdicts);
    }

    synchronized void bundle(io.aelle.model.embedding.BundleArchive archive, long at) {
        if (bundle == null) {
            bundle = archive;
            bundleAt = at;
        }
    }

    synchronized io.aelle.model.embedding.BundleArchive bundle() {
        return bundle;
    }

    synchronized long bundleAt() {
        return bundleAt;
    }

    /** Checkpoints with at least one verdict (a reissued verdict is a second one for its checkpoint). */
    synchronized int checkpointsWithVerdict() {
        return checkpointsWithVerdict.size();
    }

    synchronized int checkpoints() {
        return checkpoints;
    }

    synchronized long outcomes() {
        return runs.values().stream().filter(r -> r.outcome != null).count();
    }
}
