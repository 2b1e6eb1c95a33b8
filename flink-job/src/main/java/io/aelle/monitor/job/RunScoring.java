package io.aelle.monitor.job;

import io.aelle.monitor.metrics.MetricsProvider;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.ConfusionIncrement;
import io.aelle.monitor.record.OutcomeEvent;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.monitor.score.Cell;
import io.aelle.monitor.score.FractionBucket;
import io.aelle.monitor.score.PredictorLabel;
import io.aelle.monitor.score.Scoring;
import io.aelle.wire.RunTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores a run's verdicts once its outcome is known. Keyed by run_id.
 * <p>State: {@code pending-verdicts} (the run's verdicts until its outcome arrives) and {@code outcome} (kept for
 * the retention time so a verdict that arrives after the outcome is scored at once).
 * A run whose trainer dies without an outcome would keep its pending verdicts forever: they expire once the run
 * has had no new verdict for the outcome wait (a processing-time timer, its time in {@code outcome-deadline}), and
 * the run is counted in {@code aelle_runs_expired_total{study}}.
 * Each verdict yields three increments: the embedding's and the two loss baselines' (loss-threshold, loss-median);
 * an {@code UNKNOWN} verdict (no bundle yet) only the loss baselines'. A verdict reissued when the study's bundle
 * arrived replaces the embedding's verdict of the same checkpoint while the run waits for its outcome; one that comes
 * after the run's outcome is not scored (the first verdict of its checkpoint was), so each checkpoint is counted once
 * per predictor.
 * <p>An audited run (outcome {@code audit: true}: the early-stop rule would have stopped it) is scored normally and,
 * once per run (keyed state {@code audit-counted}, TTL = outcome retention), counted in the stop audits with its truth.
 * <p>Operator state {@code active-runs}: how many of this instance's runs have verdicts and no outcome, the
 * instance's share of {@code aelle_runs_active}; checkpointed so the gauge stays right after a restart.
 */
public class RunScoring extends KeyedCoProcessFunction<String, VerdictEvent, OutcomeEvent, ConfusionIncrement>
        implements CheckpointedFunction {

    private final Duration outcomeRetention;
    private final Duration outcomeWait;
    private final MetricsProvider metricsProvider;
    private transient MonitorMetrics metrics;
    private transient ListState<VerdictEvent> pending;
    private transient ValueState<OutcomeEvent> outcome;
    private transient ValueState<Long> deadline;
    private transient ValueState<Boolean> auditCounted;
    private transient ListState<Long> activeRunsState;
    private transient volatile long activeRuns;
    private transient LongSupplier activeRunsGauge;

    /** @param outcomeWait how long a run's verdicts wait for its outcome after the run's latest verdict */
    public RunScoring(Duration outcomeRetention, Duration outcomeWait, MetricsProvider metricsProvider) {
        this.outcomeRetention = outcomeRetention;
        this.outcomeWait = outcomeWait;
        this.metricsProvider = metricsProvider;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending-verdicts", VerdictEvent.class));
        ValueStateDescriptor<OutcomeEvent> outcomeDescriptor = new ValueStateDescriptor<>("outcome", OutcomeEvent.class);
        outcomeDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(outcomeRetention).build());
        outcome = getRuntimeContext().getState(outcomeDescriptor);
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("outcome-deadline", Long.class));
        ValueStateDescriptor<Boolean> auditDescriptor = new ValueStateDescriptor<>("audit-counted", Boolean.class);
        auditDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(outcomeRetention).build());
        auditCounted = getRuntimeContext().getState(auditDescriptor);
        activeRunsGauge = () -> activeRuns;
        metrics = metricsProvider.metrics();
        metrics.addActiveRuns(activeRunsGauge);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        activeRunsState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("active-runs", Long.class));
        activeRuns = 0;
        for (Long n : activeRunsState.get()) {
            activeRuns += n;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        activeRunsState.update(List.of(activeRuns));
    }

    @Override
    public void close() {
        if (activeRunsGauge != null) {
            metrics.removeActiveRuns(activeRunsGauge);
        }
    }

    @Override
    public void processElement1(VerdictEvent v, Context ctx, Collector<ConfusionIncrement> out) throws Exception {
        OutcomeEvent known = outcome.value();
        if (known != null) {
            if (v.reissued) {
                return; // the outcome is in: its checkpoint's first verdict was scored, a late second one is not
            }
            score(v, known, out);
            countAudit(v, known);
            return;
        }
        if (!pending.get().iterator().hasNext()) {
            activeRuns++;
        }
        if (v.reissued && replacePending(v)) {
            return;
        }
        pending.add(v);
        waitForOutcomeUntil(ctx.timerService().currentProcessingTime() + outcomeWait.toMillis(), ctx);
    }

    private void waitForOutcomeUntil(long time, Context ctx) throws Exception {
        Long old = deadline.value();
        if (old != null) {
            ctx.timerService().deleteProcessingTimeTimer(old);
        }
        if (time < 0) {
            deadline.clear();
        } else {
            ctx.timerService().registerProcessingTimeTimer(time);
            deadline.update(time);
        }
    }

    /** The outcome wait is over: drop the run's pending verdicts and count the run as expired. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ConfusionIncrement> out) throws Exception {
        deadline.clear();
        var waiting = pending.get().iterator();
        if (outcome.value() != null || !waiting.hasNext()) {
            return;
        }
        metrics.runExpired(waiting.next().studyId);
        pending.clear();
        activeRuns--;
    }

    @Override
    public void processElement2(OutcomeEvent o, Context ctx, Collector<ConfusionIncrement> out) throws Exception {
        if (outcome.value() == null && RunTruth.STOPPED_EARLY.equals(o.status)) {
            metrics.runStopped(o.studyId);
        }
        outcome.update(o);
        waitForOutcomeUntil(-1, ctx);
        List<VerdictEvent> waiting = new ArrayList<>();
        pending.get().forEach(waiting::add);
        if (waiting.isEmpty()) {
            return;
        }
        for (VerdictEvent v : waiting) {
            score(v, o, out);
        }
        countAudit(waiting.get(0), o);
        pending.clear();
        activeRuns--;
    }

    /** Puts a reissued verdict in place of the pending verdict of its checkpoint; false when none is pending. */
    private boolean replacePending(VerdictEvent reissued) throws Exception {
        List<VerdictEvent> waiting = new ArrayList<>();
        boolean replaced = false;
        for (VerdictEvent p : pending.get()) {
            if (!replaced && p.epoch == reissued.epoch) {
                VerdictEvent v = reissued.copy();
                v.reissued = p.reissued; // it stands for the checkpoint's first verdict: the loss baselines' too
                v.lossBaselineLowError = p.lossBaselineLowError;
                v.lossMedianLowError = p.lossMedianLowError;
                waiting.add(v);
                replaced = true;
            } else {
                waiting.add(p);
            }
        }
        if (replaced) {
            pending.update(waiting);
        }
        return replaced;
    }

    /** The first time an audited run's outcome meets a verdict (which carries the study's threshold): one audit. */
    private void countAudit(VerdictEvent v, OutcomeEvent o) throws java.io.IOException {
        if (o.audit && auditCounted.value() == null) {
            RunTruth truth = Scoring.truth(o.status, o.finalValLoss, v.lossThreshold);
            if (truth.scored()) {
                metrics.stopAudit(o.studyId, truth == RunTruth.HIGH_ERROR);
            }
            auditCounted.update(true);
        }
    }

    static void score(VerdictEvent v, OutcomeEvent o, Collector<ConfusionIncrement> out) {
        for (ConfusionIncrement inc : increments(v, o)) {
            out.collect(inc);
        }
    }

    /**
     * The embedding's and the loss baselines' cells for one verdict, given the run's outcome; none for a run stopped
     * early, which has no final loss to be scored against.
     */
    public static List<ConfusionIncrement> increments(VerdictEvent v, OutcomeEvent o) {
        RunTruth truth = Scoring.truth(o.status, o.finalValLoss, v.lossThreshold);
        if (!truth.scored()) {
            return List.of();
        }
        boolean actual = truth == RunTruth.LOW_ERROR;
        String bucket = FractionBucket.of(v.fraction);
        List<ConfusionIncrement> out = new ArrayList<>(3);
        if (!v.unknown) {
            out.add(new ConfusionIncrement(v.studyId, PredictorLabel.AELLE.tag(), bucket, Cell.of(v.likelyLowError, actual).tag()));
        }
        if (!v.reissued) {
            out.add(new ConfusionIncrement(v.studyId, PredictorLabel.LOSS_THRESHOLD.tag(), bucket, Cell.of(v.lossBaselineLowError, actual).tag()));
            out.add(new ConfusionIncrement(v.studyId, PredictorLabel.LOSS_MEDIAN.tag(), bucket, Cell.of(v.lossMedianLowError, actual).tag()));
        }
        return out;
    }
}
