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
 * checkpoints ─keyBy run_id─► ProbeJoin ◄─broadcast─ probes ∪ bundles (whole tables, re-read at every start)
 *                                │ (held per run until the tables have caught up and the study has a probe)
 *                                │ keyBy run_id
 *                       PreviousValLoss (the run's previous val_loss, for bundles trained with --features)
 *                                ▼
 *                       CheckpointAnalysis (spectrum)
 *                                │ keyBy run_id
 *                       BundleVerdicts (spectrum → embedding → verdict, or UNKNOWN) ◄─broadcast─ bundles ──► verdicts sink
 *                                │ keyBy study
 *                       LossMedianVerdicts (val_loss vs the study's q-quantile at that fraction)
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

        DataStream<RawRecord> bundles = sources.bundles(env);
        BroadcastStream<RawRecord> probesAndBundles = sources.probes(env).union(bundles).broadcast(ProbeJoin.PROBES, ProbeJoin.TABLE_PROGRESS);
        SingleOutputStreamOperator<PendingCheckpoint> joined = sources.checkpoints(env)
                .keyBy(RawRecord::partitionKey)
                .connect(probesAndBundles)
                .process(new ProbeJoin(settings.probeHold().toMillis(), settings.outcomeRetention(), sources.probeTableEnd(),
                        sources.bundleTableEnd()))
                .name("probe-join").uid("probe-join");

        SingleOutputStreamOperator<VerdictEvent> spectra = joined
                .keyBy(p -> p.runId)
                .process(new PreviousValLoss(settings.outcomeRetention()))
                .name("previous-val-loss").uid("previous-val-loss")
                .process(new CheckpointAnalysis(analyzers, metrics))
                .name("spectrum-verdict").uid("spectrum-verdict");
        SingleOutputStreamOperator<VerdictEvent> verdicts = spectra
                .keyBy(v -> v.runId)
                .connect(bundles.broadcast(BundleVerdicts.BUNDLES, BundleVerdicts.BUNDLE_TABLE_READ))
                .process(new BundleVerdicts(settings.outcomeWait(), settings.exportRunEmbedding(), metrics))
                .name("bundle-verdicts").uid("bundle-verdicts");
        verdicts.sinkTo(sinks.verdicts()).name("verdicts").uid("verdicts-sink");

        SingleOutputStreamOperator<OutcomeEvent> outcomes = sources.outcomes(env)
                .process(new OutcomeParsing())
                .name("outcome-parsing").uid("outcome-parsing");

        SingleOutputStreamOperator<VerdictEvent> judged = verdicts
                .keyBy(v -> v.studyId)
                .process(new LossMedianVerdicts(settings.outcomeRetention()))
                .name("loss-median").uid("loss-median");

        SingleOutputStreamOperator<ConfusionSnapshot> tables = judged
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
                .union(spectra.getSideOutput(DeadLetters.TAG), verdicts.getSideOutput(DeadLetters.TAG),
                        outcomes.getSideOutput(DeadLetters.TAG));
        deadLetters.map(new DeadLetterCounting(metrics)).name("dead-letter-counting").uid("dead-letter-counting")
                .sinkTo(sinks.deadLetters()).name("dead-letters").uid("dead-letters-sink");
    }
}
