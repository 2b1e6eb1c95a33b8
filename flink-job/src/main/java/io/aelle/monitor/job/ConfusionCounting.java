package io.aelle.monitor.job;

import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.ConfusionIncrement;
import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.score.Cell;
import io.aelle.monitor.score.ConfusionCounts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the confusion counts of one (study, predictor, fraction bucket) in keyed state {@code confusion}, so they
 * survive restarts, and publishes each change to the gauges and downstream.
 */
public class ConfusionCounting extends KeyedProcessFunction<String, ConfusionIncrement, ConfusionSnapshot> {

    private transient ValueState<ConfusionCounts> counts;

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
        MonitorMetrics.get().confusion(snapshot);
        out.collect(snapshot);
    }
}
