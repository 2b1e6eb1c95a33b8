package io.aelle.monitor.job;

import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.metrics.MetricsProvider;
import io.aelle.monitor.record.ConfusionIncrement;
import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.OutcomeEvent;
import io.aelle.monitor.record.PendingCheckpoint;
import io.aelle.monitor.record.RawRecord;
import io.aelle.monitor.record.VerdictEvent;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The monitor's job graph (apache/flink-training style: sources and sinks are parameters).
 * <pre>
 * checkpoints ─keyBy run_id─► ProbeJoin ◄─broadcast─ probes (the whole table, re-read at every start)
 *                                │ (held per run until the table has caught up and the study has a probe)
 *                                ▼
 *                       CheckpointAnalysis (spectrum → embedding → verdict) ──► verdicts sink
 *                                │ keyBy run_id
 * outcomes ─► OutcomeParsing ─► RunScoring ─keyBy table─► ConfusionCounting ──► gauges (+ optional sink)
 * every stage ─side output─► DeadLetterCounting ─► dead-letters sink
 * </pre>
 * The metrics are a parameter too ({@link MetricsProvider}): the process's entry chooses the registry (and
 * whether and where it is served); no operator reaches for a JVM-wide one.
 */
public final class MonitorJob {

    public static final String NAME = "aelle-monitor";

    private MonitorJob() {}

    /** Adds the pipeline to {@code env} and turns on exactly-once checkpointing. */
    public static void build(StreamExecutionEnvironment env, MonitorSources sources, MonitorSinks sinks,
                             AnalyzerFactory analyzers, MetricsProvider metrics, MonitorSettings settings) {
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // Send each record on at once: records are few and large (a checkpoint fills network buffers but its last,
        // partial one would otherwise wait for Flink's 100 ms flush timer on every shuffle).
        env.setBufferTimeout(0);

        BroadcastStream<RawRecord> probes = sources.probes(env).broadcast(ProbeJoin.PROBES, ProbeJoin.TABLE_PROGRESS);
        SingleOutputStreamOperator<PendingCheckpoint> joined = sources.checkpoints(env)
                .keyBy(RawRecord::partitionKey)
                .connect(probes)
                .process(new ProbeJoin(settings.probeHold().toMillis(), settings.outcomeRetention(), sources.probeTableEnd()))
                .name("probe-join").uid("probe-join");

        SingleOutputStreamOperator<VerdictEvent> verdicts = joined
                .process(new CheckpointAnalysis(analyzers, metrics, settings.exportRunEmbedding()))
                .name("spectrum-verdict").uid("spectrum-verdict");
        verdicts.sinkTo(sinks.verdicts()).name("verdicts").uid("verdicts-sink");

        SingleOutputStreamOperator<OutcomeEvent> outcomes = sources.outcomes(env)
                .process(new OutcomeParsing())
                .name("outcome-parsing").uid("outcome-parsing");

        SingleOutputStreamOperator<ConfusionSnapshot> tables = verdicts
                .keyBy(v -> v.runId)
                .connect(outcomes.keyBy(o -> o.runId))
                .process(new RunScoring(settings.outcomeRetention(), settings.outcomeWait(), metrics))
                .name("run-scoring").uid("run-scoring")
                .keyBy(ConfusionIncrement::tableKey)
                .process(new ConfusionCounting(metrics))
                .name("confusion-counting").uid("confusion-counting");
        if (sinks.confusion() != null) {
            tables.sinkTo(sinks.confusion()).name("confusion").uid("confusion-sink");
        }

        DataStream<DeadLetter> deadLetters = joined.getSideOutput(DeadLetters.TAG)
                .union(verdicts.getSideOutput(DeadLetters.TAG), outcomes.getSideOutput(DeadLetters.TAG));
        deadLetters.map(new DeadLetterCounting(metrics)).name("dead-letter-counting").uid("dead-letter-counting")
                .sinkTo(sinks.deadLetters()).name("dead-letters").uid("dead-letters-sink");
    }
}
