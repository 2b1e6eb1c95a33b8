package io.aelle.monitor.record;

import io.aelle.model.dataset.LossMedianRule;
import io.aelle.wire.Verdict;
import java.time.Instant;

/**
 * A verdict inside the job: the fields of {@link Verdict} (the topic's JSON contract) plus what scoring needs,
 * the study's loss threshold, and the raw spectrum a bundle that arrives later projects. A Flink POJO.
 */
public class VerdictEvent {

    public String runId;
    public String studyId;
    public int epoch;
    public int totalEpochs;
    public double fraction;
    public double pc1;
    public double pc2;
    public double predictedFinalLoss;
    public boolean likelyLowError;
    public boolean lossBaselineLowError;
    public double spectrumMax;
    public double spectrumMean;
    /** ISO-8601 or null when the checkpoint did not say. */
    public String checkpointCreatedAt;
    public long publishedAt;
    public long verdictAt;
    public double valLoss;
    public double lossThreshold;
    /** The live loss-median's q: the study bundle's low-error share, else the median. */
    public double lossMedianQ = LossMedianRule.DEFAULT_Q;
    /** The live loss-median's verdict (set by {@code LossMedianVerdicts}, after the verdict went to its topic). */
    public boolean lossMedianLowError;
    /** The raw Lyapunov spectrum (null from analyzers that do not keep it). */
    public double[] spectrum;
    /** No embedding verdict: the study had no bundle ({@link Verdict#UNKNOWN}); the loss baseline's still stands. */
    public boolean unknown;
    /**
     * A second verdict for a checkpoint that already had one, given when its study's bundle arrived or changed: it
     * replaces the embedding's verdict of that checkpoint; the loss baseline's was counted with the first.
     */
    public boolean reissued;
    /** The checkpoint's hparams (JSON object, or null): a {@code --features} bundle's verdict reads them. */
    public String hparams;
    /** The run's previous checkpoint's val_loss (NaN for its first): a {@code --features} bundle's verdict reads it. */
    public double previousValLoss = Double.NaN;
    /** The spectrum convention of the checkpoint's probe (its id): a bundle trained on another is refused. */
    public String convention;

    public VerdictEvent() {}

    public long latencyMs() {
        return verdictAt - publishedAt;
    }

    public Verdict toVerdict() {
        return new Verdict(runId, studyId, epoch, totalEpochs, fraction, pc1, pc2, predictedFinalLoss,
                verdictLabel(), label(lossBaselineLowError), spectrumMax, spectrumMean, checkpointCreatedAt,
                Instant.ofEpochMilli(verdictAt).toString(), latencyMs(), unknown ? Verdict.NO_BUNDLE_YET : null);
    }

    /** The embedding's verdict: {@link Verdict#UNKNOWN} while the study has no bundle. */
    public String verdictLabel() {
        return unknown ? Verdict.UNKNOWN : label(likelyLowError);
    }

    public VerdictEvent copy() {
        VerdictEvent c = new VerdictEvent();
        c.runId = runId;
        c.studyId = studyId;
        c.epoch = epoch;
        c.totalEpochs = totalEpochs;
        c.fraction = fraction;
        c.pc1 = pc1;
        c.pc2 = pc2;
        c.predictedFinalLoss = predictedFinalLoss;
        c.likelyLowError = likelyLowError;
        c.lossBaselineLowError = lossBaselineLowError;
        c.spectrumMax = spectrumMax;
        c.spectrumMean = spectrumMean;
        c.checkpointCreatedAt = checkpointCreatedAt;
        c.publishedAt = publishedAt;
        c.verdictAt = verdictAt;
        c.valLoss = valLoss;
        c.lossThreshold = lossThreshold;
        c.spectrum = spectrum;
        c.unknown = unknown;
        c.reissued = reissued;
        c.lossMedianQ = lossMedianQ;
        c.lossMedianLowError = lossMedianLowError;
        c.hparams = hparams;
        c.previousValLoss = previousValLoss;
        c.convention = convention;
        return c;
    }

    public static String label(boolean lowError) {
        return lowError ? Verdict.LIKELY_LOW_ERROR : Verdict.LIKELY_HIGH_ERROR;
    }
}
