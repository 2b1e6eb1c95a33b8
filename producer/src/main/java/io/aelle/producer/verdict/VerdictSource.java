package io.aelle.producer.verdict;

import io.aelle.wire.Verdict;
import java.time.Duration;
import java.util.Optional;

/** The monitor's latest verdict per run, as a trainer or a search driver sees it. */
public interface VerdictSource extends AutoCloseable {

    /** The newest verdict received so far for the run, if any. */
    Optional<Verdict> latest(String runId);

    /**
     * Waits until a verdict for the run on a checkpoint of epoch {@code minEpoch} or later has arrived, or the
     * timeout passes; returns the newest verdict for the run then (possibly an older epoch's, or none).
     */
    Optional<Verdict> await(String runId, int minEpoch, Duration timeout) throws InterruptedException;

    @Override
    void close();
}
