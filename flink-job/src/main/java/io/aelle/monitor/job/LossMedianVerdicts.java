package io.aelle.monitor.job;

import io.aelle.model.dataset.LossMedianRule;
import io.aelle.monitor.record.VerdictEvent;
import io.aelle.monitor.score.FractionBucket;
import io.aelle.monitor.score.LossReservoir;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The live {@code loss-median} verdict (Optuna's MedianPruner decision). Keyed by study.
 * <p>Each verdict's checkpoint is called low error iff its val_loss is at or below the q-quantile of the losses the
 * study's earlier checkpoints had in the same 5% fraction bucket ({@link LossMedianRule}, the rule the offline
 * {@code loss-median} predictor uses), q being the bundle's low-error share carried on the verdict; then its loss joins
 * the bucket's sample.
 * <p>State {@code loss-samples}: per fraction bucket a {@link LossReservoir} (at most {@value LossReservoir#CAPACITY}
 * losses, so at most 21 of those per study), expiring when the study has had no checkpoint in that bucket for the
 * retention time. A reissued verdict (the study's bundle arrived) passes through: its checkpoint was judged and
 * sampled with its first verdict.
 */
public class LossMedianVerdicts extends KeyedProcessFunction<String, VerdictEvent, VerdictEvent> {

    private final Duration retention;
    private transient MapState<String, LossReservoir> samples;

    public LossMedianVerdicts(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, LossReservoir> d = new MapStateDescriptor<>("loss-samples", String.class, LossReservoir.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        samples = getRuntimeContext().getMapState(d);
    }

    @Override
    public void processElement(VerdictEvent v, Context ctx, Collector<VerdictEvent> out) throws Exception {
        if (v.reissued) {
            out.collect(v); // its checkpoint was judged, and its loss sampled, with the checkpoint's first verdict
            return;
        }
        String bucket = FractionBucket.of(v.fraction);
        LossReservoir sample = samples.get(bucket);
        if (sample == null) {
            sample = new LossReservoir();
        }
        v.lossMedianLowError = LossMedianRule.lowError(v.valLoss, sample.sorted, v.lossMedianQ);
        if (Double.isFinite(v.valLoss)) {
            sample.add(v.valLoss, v.studyId + '|' + bucket);
            samples.put(bucket, sample);
        }
        out.collect(v);
    }
}
