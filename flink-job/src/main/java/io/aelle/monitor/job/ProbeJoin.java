package io.aelle.monitor.job;

import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.PendingCheckpoint;
import io.aelle.monitor.record.RawRecord;
import io.aelle.wire.RecordKeys;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Validates checkpoints (keyed by run_id) and joins each with its study's probe.
 * <p>State: broadcast {@link #PROBES} (study_id → probe file, from the compacted probes topic); keyed
 * {@code held-checkpoints} (per run, readable checkpoints whose study had no probe yet). A held checkpoint is
 * released when its study's probe arrives, or dead-lettered ({@code no_probe}) once it has waited the hold time.
 * Keyed {@code taken-epochs} (per run, the epochs already taken, kept for the retention time): producers publish at
 * least once (the attach sidecar can resend a file after a crash between the broker's ack and its ledger), so a
 * second checkpoint for a taken (run, epoch) is dead-lettered {@code duplicate_checkpoint} instead of being scored
 * twice. An epoch whose checkpoint expired as {@code no_probe} is released, so a republished copy is taken.
 * <p>Catching up with the probes table: the probes input is re-read whole at every start, and the broadcast state
 * restored from a checkpoint may lack a study's newest probe. So until the input has reached the table's end as of
 * this start ({@code tableEnd}: partition → offset of the last record), every checkpoint is held, even one whose
 * study has a probe; reaching the end releases those whose study has one. Progress is broadcast state
 * {@link #TABLE_PROGRESS} keyed by this start's id, so after a task failover inside the same job (whose restored
 * broadcast state is already complete) checkpoints do not wait again while the table is re-read. A checkpoint that
 * has waited the hold time is taken with the probe there is, or dead-lettered {@code no_probe} when there is none.
 * A bad probe is dead-lettered once, not again at each re-read (the highest offset ever read is kept too).
 * <p>The bundles table ({@link RawRecord#isBundle()}) comes in on the same broadcast input, only so that checkpoints
 * also wait for it to catch up (keys {@code <start id>/bundles:<partition>}): a study's bundle is then known before
 * its first checkpoint's verdict. The bundles themselves are {@link BundleVerdicts}' business.
 */
public class ProbeJoin extends KeyedBroadcastProcessFunction<String, RawRecord, RawRecord, PendingCheckpoint> {

    public static final MapStateDescriptor<String, byte[]> PROBES =
            new MapStateDescriptor<>("probes", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    /**
     * Probes-table progress: {@code <start id>/<partition>} → highest offset read by this start, and
     * {@code ever/<partition>} → highest offset read by any start.
     */
    public static final MapStateDescriptor<String, Long> TABLE_PROGRESS =
            new MapStateDescriptor<>("probe-table-progress", Types.STRING, Types.LONG);
    private static final String EVER = "ever/";
    private static final ListStateDescriptor<PendingCheckpoint> HELD =
            new ListStateDescriptor<>("held-checkpoints", PendingCheckpoint.class);

    private final long holdMillis;
    private final Duration retention;
    private final HashMap<String, Long> tableEnd;
    /** Differs at each start (a job built anew), so progress restored from an earlier start does not count. */
    private final String startId = UUID.randomUUID().toString();
    private transient MapState<Integer, Long> takenEpochs;
    /** Once true, stays true for this start: a cache of {@link #caughtUp(ReadOnlyBroadcastState)}. */
    private transient boolean caughtUp;

    /**
     * @param retention how long a taken epoch is remembered (a run's lifetime is plenty)
     * @param tableEnd  where the probes table ended when the job was built: partition → offset of its last record
     */
    public ProbeJoin(long holdMillis, Duration retention, Map<Integer, Long> tableEnd) {
        this(holdMillis, retention, tableEnd, Map.of());
    }

    /** @param bundleTableEnd where the bundles table ended when the job was built: partition → offset of its last record */
    public ProbeJoin(long holdMillis, Duration retention, Map<Integer, Long> tableEnd, Map<Integer, Long> bundleTableEnd) {
        this.holdMillis = holdMillis;
        this.retention = retention;
        this.tableEnd = new HashMap<>();
        tableEnd.forEach((partition, offset) -> this.tableEnd.put(progressKey(false, partition), offset));
        bundleTableEnd.forEach((partition, offset) -> this.tableEnd.put(progressKey(true, partition), offset));
    }

    /** The progress key of a table partition: the probes' as before bundles came in, the bundles' prefixed. */
    private static String progressKey(boolean bundles, int partition) {
        return bundles ? RawRecord.BUNDLES + ":" + partition : Integer.toString(partition);
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<Integer, Long> taken = new MapStateDescriptor<>("taken-epochs", Types.INT, Types.LONG);
        taken.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        takenEpochs = getRuntimeContext().getMapState(taken);
    }

    @Override
    public void processElement(RawRecord record, ReadOnlyContext ctx, Collector<PendingCheckpoint> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        CheckpointMetadata meta;
        try {
            meta = readMetadata(record);
        } catch (SafetensorsFormatException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(record, DeadLetterReason.ofFormatError(e), e.getMessage(), null, now));
            return;
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(record, DeadLetterReason.UNREADABLE_CHECKPOINT, e.getMessage(), null, now));
            return;
        }
        try {
            RecordKeys.requireKeyNames(record.key, meta.runId(), "run_id");
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(record, DeadLetterReason.KEY_MISMATCH, e.getMessage(), meta.studyId(), now));
            return;
        }
        Long takenAt = takenEpochs.get(meta.epoch());
        if (takenAt != null) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(record, DeadLetterReason.DUPLICATE_CHECKPOINT,
                    "run '" + meta.runId() + "' epoch " + meta.epoch() + " was already taken at " + java.time.Instant.ofEpochMilli(takenAt)
                            + "; the first checkpoint's verdict stands", meta.studyId(), now));
            return;
        }
        takenEpochs.put(meta.epoch(), now);
        PendingCheckpoint pending = new PendingCheckpoint(meta.runId(), meta.studyId(), record.value, record.timestamp, now);
        byte[] probe = ctx.getBroadcastState(PROBES).get(meta.studyId());
        if (probe != null && caughtUp(ctx.getBroadcastState(TABLE_PROGRESS))) {
            out.collect(pending.withProbe(probe));
        } else {
            getRuntimeContext().getListState(HELD).add(pending);
            ctx.timerService().registerProcessingTimeTimer(now + holdMillis);
        }
    }

    @Override
    public void processBroadcastElement(RawRecord record, Context ctx, Collector<PendingCheckpoint> out) throws Exception {
        BroadcastState<String, Long> progress = ctx.getBroadcastState(TABLE_PROGRESS);
        boolean wasCaughtUp = caughtUp(progress);
        if (!record.isBundle()) {
            // The table is re-read at every start and failover: a bad probe is reported the first time only.
            Long everRead = record.partition < 0 ? null : progress.get(EVER + record.partition);
            apply(record, ctx, everRead == null || record.offset > everRead);
            if (record.partition >= 0) {
                advance(progress, EVER + record.partition, record.offset);
            }
        }
        if (record.partition >= 0) {
            advance(progress, startId + "/" + progressKey(record.isBundle(), record.partition), record.offset);
        }
        if (caughtUp(ctx.getBroadcastState(TABLE_PROGRESS))) {
            if (!wasCaughtUp) {
                forgetEarlierStarts(ctx.getBroadcastState(TABLE_PROGRESS));
            }
            releaseHeld(ctx, out); // every held checkpoint whose study now has a probe
        }
    }

    private static void advance(BroadcastState<String, Long> progress, String key, long offset) throws Exception {
        Long seen = progress.get(key);
        progress.put(key, seen == null ? offset : Math.max(seen, offset));
    }

    /** Puts the probe into the broadcast table, removes it on a tombstone, or dead-letters a bad one (if {@code report}). */
    /** Every parallel instance sees each broadcast probe; one of them reports a bad one. */
    private void reportBadProbe(RawRecord record, Context ctx, boolean report, DeadLetterReason reason, String detail) {
        if (report && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetter.PROBES, record, reason, detail, record.key, ctx.currentProcessingTime()));
        }
    }

    private void apply(RawRecord record, Context ctx, boolean report) throws Exception {
        if (record.value == null) { // compaction tombstone: the study's probe was withdrawn
            ctx.getBroadcastState(PROBES).remove(record.partitionKey());
            return;
        }
        Probe probe;
        try {
            probe = Probe.parse(record.value);
            Convention.parse(probe.convention());
        } catch (IllegalArgumentException e) {
            reportBadProbe(record, ctx, report, DeadLetterReason.BAD_PROBE, e.getMessage());
            return;
        }
        try {
            // A tombstone removes by key: a probe under another study's key could never be withdrawn.
            RecordKeys.requireKeyNames(record.key, probe.studyId(), "study_id");
        } catch (IllegalArgumentException e) {
            reportBadProbe(record, ctx, report, DeadLetterReason.KEY_MISMATCH, e.getMessage());
            return;
        }
        ctx.getBroadcastState(PROBES).put(probe.studyId(), record.value);
    }

    private void releaseHeld(Context ctx, Collector<PendingCheckpoint> out) throws Exception {
        var probes = ctx.getBroadcastState(PROBES);
        ctx.applyToKeyedState(HELD, (runId, held) -> {
            List<PendingCheckpoint> still = new ArrayList<>();
            for (PendingCheckpoint p : held.get()) {
                byte[] probe = probes.get(p.studyId);
                if (probe != null) {
                    out.collect(p.withProbe(probe));
                } else {
                    still.add(p);
                }
            }
            held.update(still);
        });
    }

    /** True once the probes input has reached, on every partition, the table's end as of this start. */
    private boolean caughtUp(ReadOnlyBroadcastState<String, Long> progress) throws Exception {
        if (caughtUp) {
            return true;
        }
        for (Map.Entry<String, Long> end : tableEnd.entrySet()) {
            Long seen = progress.get(startId + "/" + end.getKey());
            if (seen == null || seen < end.getValue()) {
                return false;
            }
        }
        caughtUp = true;
        return true;
    }

    /** Drops the progress entries of earlier starts (a few small entries per start otherwise pile up). */
    private void forgetEarlierStarts(BroadcastState<String, Long> progress) throws Exception {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Long> e : progress.entries()) {
            if (!e.getKey().startsWith(startId + "/") && !e.getKey().startsWith(EVER)) {
                stale.add(e.getKey());
            }
        }
        for (String key : stale) {
            progress.remove(key);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PendingCheckpoint> out) throws Exception {
        ListState<PendingCheckpoint> held = getRuntimeContext().getListState(HELD);
        List<PendingCheckpoint> still = new ArrayList<>();
        for (PendingCheckpoint p : held.get()) {
            byte[] probe = ctx.getBroadcastState(PROBES).get(p.studyId);
            if (p.receivedAt + holdMillis <= timestamp && probe != null) {
                out.collect(p.withProbe(probe)); // waited long enough for the table: take the probe there is
            } else if (p.receivedAt + holdMillis <= timestamp) {
                takenEpochs.remove(readMetadata(p.asRaw()).epoch());
                ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(p.asRaw(), DeadLetterReason.NO_PROBE,
                        "no probe for study '" + p.studyId + "' within " + holdMillis + " ms", p.studyId, timestamp));
            } else {
                still.add(p);
            }
        }
        held.update(still);
    }

    private static CheckpointMetadata readMetadata(RawRecord record) {
        if (record.value == null || record.value.length == 0) {
            throw new SafetensorsFormatException(SafetensorsFormatException.Rule.TRUNCATED, "empty checkpoint record");
        }
        return Checkpoint.parseMetadata(record.value); // every format rule checked; the tensors are decoded downstream
    }
}
