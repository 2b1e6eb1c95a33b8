package io.aelle.monitor.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;

import io.aelle.monitor.analysis.Analysis;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.analysis.CheckpointAnalyzer;
import io.aelle.monitor.analysis.RejectedCheckpointException;
import io.aelle.monitor.metrics.MetricsProvider;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.monitor.record.PendingCheckpoint;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.monitor.score.Scoring;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import io.aelle.wire.checkpoint.Tensor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The spectrum operator: checkpoint + probe → spectrum → verdict (the loss baseline's, and the embedding's when the
 * analyzer has a model for the study; {@link BundleVerdicts} then projects the spectrum with the study's bundle from
 * the bundles table, or says {@code UNKNOWN}). Stateless; the analyzer (engine and bundles) is opened once per operator instance in {@link #open}.
 * Bad input (any {@link IllegalArgumentException}) goes to dead letters; any other failure fails the task so Flink
 * restarts it from a checkpoint.
 */
public class CheckpointAnalysis extends ProcessFunction<PendingCheckpoint, VerdictEvent> {

    private final AnalyzerFactory analyzers;
    private final MetricsProvider metricsProvider;
    private transient CheckpointAnalyzer analyzer;
    private transient MonitorMetrics metrics;
    private transient ParsedProbes probes;

    /** @param metricsProvider the registry the process's entry chose for this JVM */
    public CheckpointAnalysis(AnalyzerFactory analyzers, MetricsProvider metricsProvider) {
        this.analyzers = analyzers;
        this.metricsProvider = metricsProvider;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        metrics = metricsProvider.metrics();
        analyzer = analyzers.open(gpuIndexes(), getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        probes = new ParsedProbes();
    }

    /** The GPUs Flink's {@code gpu} external resource gives this task manager (none without that configuration). */
    private List<String> gpuIndexes() {
        List<String> indexes = new ArrayList<>();
        for (ExternalResourceInfo info : getRuntimeContext().getExternalResourceInfos("gpu")) {
            info.getProperty("index").ifPresent(indexes::add);
        }
        return indexes;
    }

    @Override
    public void processElement(PendingCheckpoint p, Context ctx, Collector<VerdictEvent> out) {
        long now = ctx.timerService().currentProcessingTime();
        Checkpoint checkpoint;
        Probe probe;
        Analysis a;
        try {
            checkpoint = Checkpoint.parse(p.checkpoint);
            probe = probes.get(p.studyId, p.probe);
            requireFiniteWeights(checkpoint);
            a = analyzer.analyze(checkpoint, probe, p.previousValLoss);
        } catch (RejectedCheckpointException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(p.asRaw(), e.reason(), e.getMessage(), p.studyId, now));
            return;
        } catch (SafetensorsFormatException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(p.asRaw(), DeadLetterReason.ofFormatError(e), e.getMessage(),
                    p.studyId, now));
            return;
        } catch (IllegalArgumentException e) {
            // Any other input the model code refuses: replaying it after a restart would only fail again.
            ctx.output(DeadLetters.TAG, DeadLetters.checkpoint(p.asRaw(), DeadLetterReason.SPECTRUM_FAILED, e.getMessage(),
                    p.studyId, now));
            return;
        }
        VerdictEvent v = verdict(checkpoint, probe, a, p.publishedAt, System.currentTimeMillis());
        v.lossMedianQ = analyzer.lossMedianQ(v.studyId);
        v.previousValLoss = p.previousValLoss;
        metrics.spectrum(a.spectrumNanos());
        metrics.checkpoint(v.studyId, "scored");
        out.collect(v);
    }

    @Override
    public void close() throws Exception {
        if (analyzer != null) {
            analyzer.close();
        }
    }

    static VerdictEvent verdict(Checkpoint checkpoint, Probe probe, Analysis a, long publishedAt, long now) {
        var meta = checkpoint.metadata();
        VerdictEvent v = new VerdictEvent();
        v.runId = meta.runId();
        v.studyId = meta.studyId();
        v.epoch = meta.epoch();
        v.totalEpochs = meta.totalEpochs();
        v.fraction = meta.fraction();
        v.pc1 = a.pc1();
        v.pc2 = a.pc2();
        v.predictedFinalLoss = a.predictedFinalLoss();
        v.likelyLowError = a.likelyLowError();
        v.valLoss = meta.valLoss().orElse(Double.NaN);
        v.hparams = meta.hparams();
        v.convention = Convention.parse(probe.convention()).id();
        v.lossThreshold = probe.lossThreshold();
        v.lossBaselineLowError = Scoring.lossBaselineLowError(v.valLoss, v.lossThreshold);
        v.spectrumMax = a.spectrumMax();
        v.spectrumMean = a.spectrumMean();
        v.checkpointCreatedAt = meta.createdAt() == null ? null : meta.createdAt().toString();
        v.publishedAt = publishedAt;
        v.verdictAt = now;
        v.spectrum = a.spectrum();
        v.unknown = !a.projected();
        return v;
    }

    /** NaN or infinite weights make every spectrum meaningless: reject the checkpoint whole. */
    static void requireFiniteWeights(Checkpoint checkpoint) {
        for (Tensor t : checkpoint.tensors().values()) {
            for (double x : t.data()) {
                if (!Double.isFinite(x)) {
                    throw new RejectedCheckpointException(DeadLetterReason.NAN_WEIGHTS,
                            "tensor '" + t.name() + "' holds a non-finite value (" + x + ")");
                }
            }
        }
    }
}
