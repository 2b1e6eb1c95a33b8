package io.aelle.monitor.ops;

import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.monitor.MonitorMain;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.wire.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the dashboards and manifests must agree with, read from the code's own defaults where the code has a
 * constant (topics, record size, metrics port); the rest (metrics path, metric names of issue 6, entry class)
 * is stated here once for the ops tests.
 */
final class MonitorContract {

    private MonitorContract() {}

    static final String CHECKPOINTS_TOPIC = Topics.CHECKPOINTS;
    static final String DEAD_LETTERS_TOPIC = Topics.DEAD_LETTERS;

    /** Checkpoint files are up to 64 MiB (max.message.bytes of aelle.checkpoints). */
    static final int CHECKPOINT_MAX_MESSAGE_BYTES = ProducerSettings.DEFAULT_MAX_RECORD_BYTES;

    /** Topic name -> the configs the producer's TopicInitializer gives it (compaction, max.message.bytes). */
    static Map<String, Map<String, String>> topicConfigs() {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (NewTopic t : TopicInitializer.plan(Topics.defaults(), 1, (short) 1, CHECKPOINT_MAX_MESSAGE_BYTES)) {
            configs.put(t.name(), t.configs());
        }
        return configs;
    }

    /** Each task manager JVM serves Micrometer's Prometheus registry here. */
    static final int METRICS_PORT = MonitorSettings.DEFAULT_METRICS_PORT;
    static final String METRICS_PATH = "/metrics";

    /**
     * Flink's own Prometheus reporter (Kafka source lag for the dashboard). A deployment choice, not the code's:
     * the reporter's default, 9249, is the monitor's port, so clusters set metrics.reporter.prom.port to this.
     */
    static final int FLINK_METRICS_PORT = 9250;
    static final String FLINK_REPORTER_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    /**
     * Metric names as Prometheus sees them that the dashboard charts; timers export _bucket/_count/_sum. The
     * per-table gauges aelle_precision/recall/f1 and the per-JVM aelle_stop_precision are exported too, but the
     * dashboard computes its ratios from summed counts (aelle_confusion cells, aelle_stop_audits_total): a ratio
     * cannot be averaged over studies or task managers.
     */
    static final List<String> METRICS = List.of(
            "aelle_confusion", "aelle_checkpoints_total", "aelle_dead_letters_total",
            "aelle_spectrum_seconds_bucket", "aelle_verdict_latency_seconds_bucket", "aelle_runs_active",
            "aelle_verdicts_total", "aelle_run_embedding", "aelle_runs_stopped_total", "aelle_stop_audits_total",
            "aelle_bundle_info");

    /** The monitor's entry class for {@code flink run}, REST submission and application mode. */
    static final String JOB_ENTRY_CLASS = MonitorMain.class.getName();
}
