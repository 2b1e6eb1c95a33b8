package io.aelle.monitor.job;

import io.aelle.model.checkpoint.Checkpoint;
import io.aelle.model.checkpoint.CheckpointMetadata;
import io.aelle.model.checkpoint.Probe;
import io.aelle.model.checkpoint.SafetensorsFormatException;
import io.aelle.model.lyapunov.Convention;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.PendingCheckpoint;
import io.aelle.monitor.record.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 */
public class ProbeJoin extends KeyedBroadcastProcessFunction<String, RawRecord, RawRecord, PendingCheckpoint> {

    public static final MapStateDescriptor<String, byte[]> PROBES =
            new MapStateDescriptor<>("probes", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    private static final ListStateDescriptor<PendingCheckpoint> HELD =
            new ListStateDescriptor<>("held-checkpoints", PendingCheckpoint.class);

    private final long holdMillis;
    private final Duration retention;
    private transient MapState<Integer, Long> takenEpochs;

    /** @param retention how long a taken epoch is remembered (a run's lifetime is plenty) */
    public ProbeJoin(long holdMillis, Duration retention) {
        this.holdMillis = holdMillis;
        this.retention = retention;
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
        if (probe != null) {
            out.collect(pending.withProbe(probe));
        } else {
            getRuntimeContext().getListState(HELD).add(pending);
            ctx.timerService().registerProcessingTimeTimer(now + holdMillis);
        }
    }

    @Override
    public void processBroadcastElement(RawRecord record, Context ctx, Collector<PendingCheckpoint> out) throws Exception {
        if (record.value == null) { // compaction tombstone: the study's probe was withdrawn
            ctx.getBroadcastState(PROBES).remove(record.partitionKey());
            return;
        }
        Probe probe;
        try {
            probe = Probe.parse(record.value);
            Convention.parse(probe.convention());
        } catch (IllegalArgumentException e) {
            // Every parallel instance sees each broadcast probe; one of them reports it.
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetter.PROBES, record, DeadLetterReason.BAD_PROBE, e.getMessage(),
                        record.key, ctx.currentProcessingTime()));
            }
            return;
        }
        String study = probe.studyId();
        ctx.getBroadcastState(PROBES).put(study, record.value);
        ctx.applyToKeyedState(HELD, (runId, held) -> {
            List<PendingCheckpoint> still = new ArrayList<>();
            for (PendingCheckpoint p : held.get()) {
                if (study.equals(p.studyId)) {
                    out.collect(p.withProbe(record.value));
                } else {
                    still.add(p);
                }
            }
            held.update(still);
        });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PendingCheckpoint> out) throws Exception {
        ListState<PendingCheckpoint> held = getRuntimeContext().getListState(HELD);
        List<PendingCheckpoint> still = new ArrayList<>();
        for (PendingCheckpoint p : held.get()) {
            if (p.receivedAt + holdMillis <= timestamp) {
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
