package io.aelle.monitor.job;

import io.aelle.monitor.metrics.MetricsProvider;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.DeadLetterReason;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts every dead letter on its way to the sink: {@code aelle_dead_letters_total{reason}}, and for a checkpoint
 * record also {@code aelle_checkpoints_total{study,result="dead_letter"}}. One place for all stages, so the stages
 * that make dead letters need no metrics. Stateless.
 */
public class DeadLetterCounting extends RichMapFunction<DeadLetter, DeadLetter> {

    private final MetricsProvider metricsProvider;
    private transient MonitorMetrics metrics;

    public DeadLetterCounting(MetricsProvider metricsProvider) {
        this.metricsProvider = metricsProvider;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = metricsProvider.metrics();
    }

    @Override
    public DeadLetter map(DeadLetter d) {
        metrics.deadLetter(DeadLetterReason.ofId(d.reason));
        if (DeadLetter.CHECKPOINTS.equals(d.origin)) {
            metrics.checkpoint(d.studyId, "dead_letter");
        }
        return d;
    }
}
