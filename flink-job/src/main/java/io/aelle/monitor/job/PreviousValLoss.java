package io.aelle.monitor.job;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.monitor.record.PendingCheckpoint;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives each checkpoint its run's previous val_loss, which a bundle trained with {@code --features} containing
 * {@code loss} reads (the change of the loss since the previous checkpoint, as the offline {@code PreviousLoss}).
 * Keyed by run_id; a run's checkpoints arrive in epoch order (one Kafka key, one partition).
 * <p>State {@code previous-val-loss}: the val_loss of the run's latest checkpoint (NaN when it had none), expiring
 * after the outcome retention without a new checkpoint.
 */
public class PreviousValLoss extends KeyedProcessFunction<String, PendingCheckpoint, PendingCheckpoint> {

    private final Duration retention;
    private transient ValueState<Double> previous;

    public PreviousValLoss(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Double> d = new ValueStateDescriptor<>("previous-val-loss", Double.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        previous = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(PendingCheckpoint p, Context ctx, Collector<PendingCheckpoint> out) throws Exception {
        Double before = previous.value();
        p.previousValLoss = before == null ? Double.NaN : before;
        try {
            previous.update(Checkpoint.parseMetadata(p.checkpoint).valLoss().orElse(Double.NaN));
        } catch (IllegalArgumentException e) {
            // Unreadable: the spectrum operator dead-letters it with its reason; the run's previous loss stays.
        }
        out.collect(p);
    }
}
