package io.aelle.monitor.record;

/**
 * A readable checkpoint on its way to the spectrum operator, joined with its study's probe (null while held
 * for a probe that has not arrived).
 */
public class PendingCheckpoint {

    public String runId;
    public String studyId;
    public byte[] checkpoint;
    public byte[] probe;
    /** Broker timestamp of the checkpoint record: publish time, epoch ms. */
    public long publishedAt;
    /** When the job first saw it (processing time, epoch ms); the probe hold counts from here. */
    public long receivedAt;
    /** The val_loss of the run's previous checkpoint (NaN for its first, or when it had none); set by {@code PreviousValLoss}. */
    public double previousValLoss = Double.NaN;

    public PendingCheckpoint() {}

    public PendingCheckpoint(String runId, String studyId, byte[] checkpoint, long publishedAt, long receivedAt) {
        this.runId = runId;
        this.studyId = studyId;
        this.checkpoint = checkpoint;
        this.publishedAt = publishedAt;
        this.receivedAt = receivedAt;
    }

    public RawRecord asRaw() {
        return new RawRecord(runId, checkpoint, publishedAt);
    }

    public PendingCheckpoint withProbe(byte[] probeBytes) {
        PendingCheckpoint p = new PendingCheckpoint(runId, studyId, checkpoint, publishedAt, receivedAt);
        p.probe = probeBytes;
        p.previousValLoss = previousValLoss;
        return p;
    }
}
