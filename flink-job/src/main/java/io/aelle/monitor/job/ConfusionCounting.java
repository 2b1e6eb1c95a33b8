package io.aelle.monitor.job;

import io.aelle.monitor.metrics.MetricsProvider;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.ConfusionIncrement;
import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.score.Cell;
import io.aelle.monitor.score.ConfusionCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the confusion counts of one (study, predictor, fraction bucket) in keyed state {@code confusion}, so they
 * survive restarts, and publishes each change to the gauges and downstream.
 * <p>Operator state {@code published-tables}: the latest snapshot of each table this instance published. Keyed
 * state cannot be listed when a job resumes in a new process, so without it the gauges of a table that gets no new
 * increment after the restart would be missing from {@code /metrics}; on restore they are published again.
 */
public class ConfusionCounting extends KeyedProcessFunction<String, ConfusionIncrement, ConfusionSnapshot>
        implements CheckpointedFunction {

    private final MetricsProvider metricsProvider;
    private transient MonitorMetrics metrics;
    private transient ValueState<ConfusionCounts> counts;
    private transient ListState<ConfusionSnapshot> publishedState;
    private transient Map<String, ConfusionSnapshot> published;

    public ConfusionCounting(MetricsProvider metricsProvider) {
        this.metricsProvider = metricsProvider;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        metrics = metricsProvider.metrics(); // initializeState runs before open(): the restored tables need it here
        publishedState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("published-tables", ConfusionSnapshot.class));
        published = new HashMap<>();
        for (ConfusionSnapshot s : publishedState.get()) {
            published.put(table(s), s);
            metrics.confusion(s);
        }
    }

    private static String table(ConfusionSnapshot s) {
        return s.studyId + '|' + s.predictor + '|' + s.fraction;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        publishedState.update(new ArrayList<>(published.values()));
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("confusion", ConfusionCounts.class));
    }

    @Override
    public void processElement(ConfusionIncrement inc, Context ctx, Collector<ConfusionSnapshot> out) throws Exception {
        ConfusionCounts c = counts.value();
        if (c == null) {
            c = new ConfusionCounts();
        }
        c.add(Cell.valueOf(inc.cell.toUpperCase(java.util.Locale.ROOT)));
        counts.update(c);
        ConfusionSnapshot snapshot = new ConfusionSnapshot(inc.studyId, inc.predictor, inc.fraction, c.copy());
        published.put(table(snapshot), snapshot);
        metrics.confusion(snapshot);
        out.collect(snapshot);
    }
}
