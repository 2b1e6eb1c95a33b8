package io.aelle.monitor.ops;

import java.util.List;
import java.util.Map;

/**
 * What the dashboards and manifests must agree with: topic names, the metrics port and path, and the metric
 * names of issue 6. Single source for the ops tests until the streaming job (branch flink) lands its own
 * constants; then these fields should read them (e.g. {@code MONITOR_TOPICS = Topics.ALL}) instead.
 */
final class MonitorContract {

    private MonitorContract() {}

    static final String CHECKPOINTS_TOPIC = "aelle.checkpoints";
    static final String OUTCOMES_TOPIC = "aelle.outcomes";
    static final String PROBES_TOPIC = "aelle.probes";
    static final String VERDICTS_TOPIC = "aelle.verdicts";
    static final String DEAD_LETTERS_TOPIC = "aelle.dead-letters";

    /** Checkpoint files are up to 64 MiB (max.message.bytes of aelle.checkpoints). */
    static final int CHECKPOINT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    /** Topic name -> whether it is compacted (probes: latest per study; verdicts: latest per run). */
    static final Map<String, Boolean> TOPICS_COMPACTED = Map.of(
            CHECKPOINTS_TOPIC, false,
            OUTCOMES_TOPIC, false,
            PROBES_TOPIC, true,
            VERDICTS_TOPIC, true,
            DEAD_LETTERS_TOPIC, false);

    /** Each task manager JVM serves Micrometer's Prometheus registry here. */
    static final int METRICS_PORT = 9249;
    static final String METRICS_PATH = "/metrics";

    /** Metric names as Prometheus sees them (issue 6); timers export _bucket/_count/_sum. */
    static final List<String> METRICS = List.of(
            "aelle_precision", "aelle_recall", "aelle_f1", "aelle_confusion", "aelle_checkpoints_total",
            "aelle_spectrum_seconds_bucket", "aelle_verdict_latency_seconds_bucket", "aelle_runs_active",
            "aelle_verdicts_total", "aelle_run_embedding");

    /** The monitor's entry point for {@code flink run} / application mode (issue 6). */
    static final String JOB_ENTRY_CLASS = "io.aelle.monitor.cli.AelleMonitorCli";
}
