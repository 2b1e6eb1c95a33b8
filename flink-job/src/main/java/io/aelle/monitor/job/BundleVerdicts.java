package io.aelle.monitor.job;

import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.embedding.BundleProvenance;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.RejectedCheckpointException;
import io.aelle.monitor.analysis.StudyModel;
import io.aelle.monitor.metrics.MetricsProvider;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.RawRecord;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.wire.RecordKeys;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Convention;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The embedding's verdict, from the study's bundle in the bundles table. Keyed by run_id; bundles broadcast.
 * <p>A checkpoint's spectrum (from {@link CheckpointAnalysis}) is projected with its study's latest bundle from the
 * table. Without one, the verdict is the analyzer's own projection if it had a model for the study, else
 * {@code UNKNOWN} ("no bundle yet": the loss baseline's verdict stands, the embedding's is not scored).
 * <p>When a study's bundle arrives or changes, every run of the study that is still active gets a verdict at once for
 * its latest checkpoint ({@link VerdictEvent#reissued}). State: broadcast {@link #BUNDLES} (study → archive bytes)
 * and {@link #BUNDLE_TABLE_READ} (partition → highest offset ever read, so that a bad bundle is dead-lettered once,
 * not again each time the table is re-read at a start; {@code bad_bundle}, or {@code key_mismatch} when the key is not
 * the bundle's study); keyed {@code latest-spectrum} (the run's latest checkpoint
 * with its spectrum, TTL the outcome wait; cleared once a run's last epoch is in). A bundle equal to the one held
 * (re-read at a restart, or published again with {@code --bundle}) issues no second verdicts.
 */
public class BundleVerdicts extends KeyedBroadcastProcessFunction<String, VerdictEvent, RawRecord, VerdictEvent> {

    public static final MapStateDescriptor<String, byte[]> BUNDLES =
            new MapStateDescriptor<>("bundles", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    public static final MapStateDescriptor<Integer, Long> BUNDLE_TABLE_READ =
            new MapStateDescriptor<>("bundle-table-read", Types.INT, Types.LONG);
    private static final ValueStateDescriptor<VerdictEvent> LATEST = new ValueStateDescriptor<>("latest-spectrum", VerdictEvent.class);

    private final Duration keepLatest;
    private final boolean exportRunEmbedding;
    private final MetricsProvider metricsProvider;
    private transient MonitorMetrics metrics;
    /** Parsed bundles of this instance, each with the bytes it was parsed from. */
    private transient Map<String, Map.Entry<byte[], Embedding>> parsed;
    private transient ValueState<VerdictEvent> latest;

    /**
     * @param keepLatest         how long a run's latest spectrum is kept without a newer checkpoint (the outcome wait)
     * @param exportRunEmbedding whether each verdict moves its run's point on {@code aelle_run_embedding}
     * @param metricsProvider    the registry the process's entry chose for this JVM
     */
    public BundleVerdicts(Duration keepLatest, boolean exportRunEmbedding, MetricsProvider metricsProvider) {
        this.keepLatest = keepLatest;
        this.exportRunEmbedding = exportRunEmbedding;
        this.metricsProvider = metricsProvider;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = metricsProvider.metrics();
        parsed = new HashMap<>();
        ValueStateDescriptor<VerdictEvent> d = new ValueStateDescriptor<>(LATEST.getName(), VerdictEvent.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(keepLatest).build());
        latest = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(VerdictEvent v, ReadOnlyContext ctx, Collector<VerdictEvent> out) throws Exception {
        if (v.spectrum != null && v.epoch < v.totalEpochs) {
            latest.update(v);
        } else {
            latest.clear(); // the run's last checkpoint: no later bundle gives it another verdict
        }
        byte[] bundle = ctx.getBroadcastState(BUNDLES).get(v.studyId);
        if (bundle == null || v.spectrum == null) {
            emit(v, out); // the analyzer's own verdict, or UNKNOWN
            return;
        }
        try {
            emit(project(v, embedding(v.studyId, bundle)), out);
        } catch (RejectedCheckpointException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(new RawRecord(v.runId, null, v.publishedAt),
                    e.reason(), e.getMessage(), v.studyId, ctx.currentProcessingTime()));
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(new RawRecord(v.runId, null, v.publishedAt),
                    DeadLetterReason.SPECTRUM_FAILED, "study '" + v.studyId + "' bundle cannot project epoch " + v.epoch + ": "
                            + e.getMessage(), v.studyId, ctx.currentProcessingTime()));
        }
    }

    @Override
    public void processBroadcastElement(RawRecord record, Context ctx, Collector<VerdictEvent> out) throws Exception {
        BroadcastState<Integer, Long> read = ctx.getBroadcastState(BUNDLE_TABLE_READ);
        Long everRead = record.partition < 0 ? null : read.get(record.partition);
        boolean firstRead = everRead == null || record.offset > everRead;
        if (record.partition >= 0 && firstRead) {
            read.put(record.partition, record.offset);
        }
        BroadcastState<String, byte[]> bundles = ctx.getBroadcastState(BUNDLES);
        if (record.value == null) { // compaction tombstone: the study's bundle was withdrawn
            bundles.remove(record.partitionKey());
            parsed.remove(record.partitionKey());
            metrics.bundleRemoved(record.partitionKey());
            return;
        }
        BundleArchive archive;
        DeadLetterReason reason = DeadLetterReason.BAD_BUNDLE;
        try {
            archive = BundleArchive.parse(record.value);
            reason = DeadLetterReason.KEY_MISMATCH;
            RecordKeys.requireKeyNames(record.key, archive.study(), "study_id");
        } catch (IllegalArgumentException e) {
            // Every parallel instance sees each broadcast bundle; one of them reports it, the first time it is read.
            if (firstRead && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetter.BUNDLES, record, reason, e.getMessage(),
                        record.key, ctx.currentProcessingTime()));
            }
            return;
        }
        String study = archive.study();
        byte[] held = bundles.get(study);
        metrics.bundleInfo(archive.provenance().orElseGet(
                () -> BundleProvenance.published(archive.embedding(), java.time.Instant.ofEpochMilli(record.timestamp))));
        bundles.put(study, record.value);
        parsed.put(study, Map.entry(record.value, archive.embedding()));
        if (held != null && (Arrays.equals(held, record.value) || BundleArchive.parse(held).sameBundle(archive))) {
            return; // the same bundle again (a re-read at a restart, a re-publication): its verdicts were given
        }
        Embedding embedding = archive.embedding();
        long now = System.currentTimeMillis();
        ctx.applyToKeyedState(LATEST, (runId, state) -> {
            VerdictEvent last = state.value();
            if (last != null && study.equals(last.studyId)) {
                VerdictEvent v;
                try {
                    v = project(last, embedding);
                } catch (IllegalArgumentException e) {
                    return; // this checkpoint's verdict stays; its next checkpoint meets the new bundle in processElement
                }
                v.reissued = true;
                v.verdictAt = now;
                emit(v, out);
            }
        });
    }

    private void emit(VerdictEvent v, Collector<VerdictEvent> out) {
        metrics.verdict(v);
        if (exportRunEmbedding && !v.unknown) {
            metrics.runEmbedding(v);
        }
        // Downstream (the verdict sink, the scoring's pending verdicts) needs no spectrum; the state keeps its own.
        VerdictEvent light = v.copy();
        light.spectrum = null;
        out.collect(light);
    }

    /** The study's bundle, parsed once per version on this instance. */
    private Embedding embedding(String study, byte[] bytes) {
        Map.Entry<byte[], Embedding> p = parsed.get(study);
        if (p == null || !Arrays.equals(p.getKey(), bytes)) {
            p = Map.entry(bytes, BundleArchive.parse(bytes).embedding());
            parsed.put(study, p);
        }
        return p.getValue();
    }

    /**
     * The verdict of the checkpoint's spectrum on the bundle's plane (the analyzer's projection, by the same code): a
     * bundle trained with {@code --features} also reads the checkpoint's val_loss and hparams and the run's previous
     * val_loss. The bundle's low-error share becomes the checkpoint's live loss-median q.
     */
    static VerdictEvent project(VerdictEvent checkpoint, Embedding e) {
        StudyModel model = BundleAnalyzers.model(e);
        if (checkpoint.convention != null) {
            model.requireConvention(checkpoint.studyId, Convention.parse(checkpoint.convention));
        }
        CheckpointMetadata meta = new CheckpointMetadata(checkpoint.runId, checkpoint.studyId, checkpoint.epoch,
                checkpoint.totalEpochs, Double.isNaN(checkpoint.valLoss) ? OptionalDouble.empty() : OptionalDouble.of(checkpoint.valLoss),
                OptionalDouble.empty(), null, null, checkpoint.hparams, null);
        Projection p = model.project(checkpoint.spectrum, meta, checkpoint.previousValLoss);
        VerdictEvent v = checkpoint.copy();
        v.lossMedianQ = model.lossMedianQ();
        v.pc1 = p.pc1();
        v.pc2 = p.pc2();
        v.predictedFinalLoss = p.predictedFinalLoss();
        v.likelyLowError = p.likelyLowError();
        v.unknown = false;
        return v;
    }
}
