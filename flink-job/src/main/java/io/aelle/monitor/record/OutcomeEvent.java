package io.aelle.monitor.record;

import io.aelle.wire.Outcome;

/** A parsed outcome as a Flink POJO. */
public class OutcomeEvent {

    public String runId;
    public String studyId;
    public double finalValLoss;
    public int epochsCompleted;
    public String status;
    /** A run the early-stop rule would have stopped, trained on to measure the stops' precision. */
    public boolean audit;

    public OutcomeEvent() {}

    public static OutcomeEvent of(Outcome o) {
        OutcomeEvent e = new OutcomeEvent();
        e.runId = o.runId();
        e.studyId = o.studyId();
        e.finalValLoss = o.finalValLoss();
        e.epochsCompleted = o.epochsCompleted();
        e.status = o.status();
        e.audit = o.audit();
        return e;
    }
}
