package io.aelle.monitor.job;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the job itself, independent of where records come from.
 *
 * @param probeHold          how long a checkpoint whose study has no probe yet is held before it is dead-lettered
 * @param checkpointInterval Flink checkpoint interval; transactional verdicts become visible at each checkpoint
 * @param metricsHost        address the {@code /metrics} endpoint binds to
 * @param metricsPort        its port; 0 any free port, negative: do not serve
 * @param outcomeRetention   how long a run's outcome is kept to score verdicts that arrive after it
 * @param outcomeWait        how long a run's verdicts wait for its outcome after its latest verdict before they expire
 * @param exportRunEmbedding whether {@code aelle_run_embedding} (two series per run) is exported: off by default,
 *                           since every run adds series to Prometheus
 */
public record MonitorSettings(Duration probeHold, Duration checkpointInterval, String metricsHost, int metricsPort,
                              Duration outcomeRetention, Duration outcomeWait, boolean exportRunEmbedding)
        implements Serializable {

    public static final int DEFAULT_METRICS_PORT = 9249;

    public MonitorSettings {
        if (probeHold.isNegative() || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("probe hold must be >= 0 and checkpoint interval > 0");
        }
        if (outcomeWait.isNegative() || outcomeWait.isZero()) {
            throw new IllegalArgumentException("the outcome wait (--outcome-wait) must be > 0, got " + outcomeWait);
        }
    }

    public static MonitorSettings defaults() {
        return new MonitorSettings(Duration.ofMinutes(10), Duration.ofSeconds(1), "127.0.0.1", DEFAULT_METRICS_PORT,
                Duration.ofDays(7), Duration.ofDays(7), false);
    }

    public MonitorSettings withProbeHold(Duration d) {
        return new MonitorSettings(d, checkpointInterval, metricsHost, metricsPort, outcomeRetention, outcomeWait, exportRunEmbedding);
    }

    public MonitorSettings withCheckpointInterval(Duration d) {
        return new MonitorSettings(probeHold, d, metricsHost, metricsPort, outcomeRetention, outcomeWait, exportRunEmbedding);
    }

    public MonitorSettings withMetrics(String host, int port) {
        return new MonitorSettings(probeHold, checkpointInterval, host, port, outcomeRetention, outcomeWait, exportRunEmbedding);
    }

    public MonitorSettings withOutcomeWait(Duration d) {
        return new MonitorSettings(probeHold, checkpointInterval, metricsHost, metricsPort, outcomeRetention, d, exportRunEmbedding);
    }

    public MonitorSettings withRunEmbedding(boolean export) {
        return new MonitorSettings(probeHold, checkpointInterval, metricsHost, metricsPort, outcomeRetention, outcomeWait, export);
    }
}
