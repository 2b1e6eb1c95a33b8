package io.aelle.monitor.job;

import io.aelle.monitor.record.ConfusionSnapshot;
import io.aelle.monitor.record.DeadLetter;
import io.aelle.monitor.record.VerdictEvent;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go.
 *
 * @param confusion optional (null): each confusion table after it changes; the metrics see them either way
 */
public record MonitorSinks(Sink<VerdictEvent> verdicts, Sink<DeadLetter> deadLetters, Sink<ConfusionSnapshot> confusion) {}
