package io.aelle.monitor.record;

import io.aelle.model.dataset.LossMedianRule;
import io.aelle.wire.Verdict;
import java.time.Instant;

/**
 * A verdict inside the job: the fields of {@link Verdict} (the topic's JSON contract) plus what scoring needs,
 * the study's loss threshold. A Flink POJO.
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

    public VerdictEvent() {}

    public long latencyMs() {
        return verdictAt - publishedAt;
    }

    public Verdict toVerdict() {
        return new Verdict(runId, studyId, epoch, totalEpochs, fraction, pc1, pc2, predictedFinalLoss,
                label(likelyLowError), label(lossBaselineLowError), spectrumMax, spectrumMean, checkpointCreatedAt,
                Instant.ofEpochMilli(verdictAt).toString(), latencyMs());
    }

    public static String label(boolean lowError) {
        return lowError ? Verdict.LIKELY_LOW_ERROR : Verdict.LIKELY_HIGH_ERROR;
    }
}
