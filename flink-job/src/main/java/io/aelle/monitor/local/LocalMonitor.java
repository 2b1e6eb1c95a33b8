package io.aelle.monitor.local;

import io.aelle.kafka.TopicInitializer;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.job.MonitorJob;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaMonitorSinks;
import io.aelle.monitor.kafka.KafkaMonitorSources;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.metrics.InProcessMetrics;
import io.aelle.monitor.metrics.MonitorMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor job running on a Flink MiniCluster inside this JVM against a Kafka cluster (embedded or not):
 * what {@code demo}, {@code bench stream} and the pipeline tests start. Closing cancels the job.
 * <p>The job's operators report to the caller's {@link MonitorMetrics} ({@link #metrics()}; a fresh one when the
 * caller gives none), reached through {@link InProcessMetrics}: each local job can have a registry of its own. Serving
 * it on {@code /metrics} is the caller's business, at its entry ({@code run}, {@code demo}).
 */
public final class LocalMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMonitor.class);

    /**
     * Where {@code run} and {@code demo} serve Flink's own metrics (Kafka source lag, checkpoints): Flink's
     * Prometheus reporter, on every interface (it has no bind address). 9250 as on a cluster (deploy/), since the
     * reporter's own default, 9249, is the monitor's {@code /metrics}.
     */
    public static final int DEFAULT_FLINK_METRICS_PORT = 9250;

    private final JobClient job;
    private final Optional<Path> resumedFrom;
    /** Where checkpoints go when the caller keeps no state: removed on close. */
    private final StateDirectory scratch;
    private final MonitorMetrics metrics;
    private final InProcessMetrics metricsProvider;

    private LocalMonitor(JobClient job, Optional<Path> resumedFrom, StateDirectory scratch, MonitorMetrics metrics,
                         InProcessMetrics metricsProvider) {
        this.metrics = metrics;
        this.metricsProvider = metricsProvider;
        this.job = job;
        this.resumedFrom = resumedFrom;
        this.scratch = scratch;
    }

    /**
     * Creates the topics if missing, then submits the job, with its checkpoints in a temporary folder removed on
     * close, and returns once it is submitted.
     *
     * @param parallelism operator parallelism (and topic partitions when they are created here)
     */
    public static LocalMonitor start(KafkaWiring kafka, AnalyzerFactory analyzers, MonitorSettings settings,
                                     int parallelism) throws Exception {
        return start(kafka, analyzers, settings, parallelism, null);
    }

    /**
     * As {@link #start(KafkaWiring, AnalyzerFactory, MonitorSettings, int)}, with checkpoints kept in {@code state}
     * (null: a temporary folder removed on close): the job resumes from the latest completed one there, if any
     * ({@link #resumedFrom()}).
     */
    public static LocalMonitor start(KafkaWiring kafka, AnalyzerFactory analyzers, MonitorSettings settings,
                                     int parallelism, StateDirectory state) throws Exception {
        return start(kafka, analyzers, settings, parallelism, state, -1);
    }

    /**
     * As {@link #start(KafkaWiring, AnalyzerFactory, MonitorSettings, int, StateDirectory)}, with Flink's Prometheus
     * reporter on {@code flinkMetricsPort} (negative: none).
     */
    public static LocalMonitor start(KafkaWiring kafka, AnalyzerFactory analyzers, MonitorSettings settings,
                                     int parallelism, StateDirectory state, int flinkMetricsPort) throws Exception {
        return start(kafka, analyzers, new MonitorMetrics(), settings, parallelism, state, flinkMetricsPort);
    }

    /**
     * As {@link #start(KafkaWiring, AnalyzerFactory, MonitorSettings, int, StateDirectory, int)}, with the job's
     * operators reporting to {@code metrics}.
     */
    public static LocalMonitor start(KafkaWiring kafka, AnalyzerFactory analyzers, MonitorMetrics metrics,
                                     MonitorSettings settings, int parallelism, StateDirectory state, int flinkMetricsPort)
            throws Exception {
        try (TopicInitializer topics = new TopicInitializer(kafka.connection())) {
            topics.initialize(kafka.topics(), parallelism, (short) 1, kafka.maxRecordBytes());
        }
        Configuration conf = flinkConfig();
        if (flinkMetricsPort >= 0) {
            conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", Integer.toString(flinkMetricsPort));
        }
        // Never the JobManager's memory: its 5 MiB state limit fails every checkpoint that holds a pending dead
        // letter carrying a large checkpoint (records are up to 64 MiB), and the job would restart in a loop.
        StateDirectory scratch = state == null ? new StateDirectory(Files.createTempDirectory("aelle-checkpoints-")) : null;
        Optional<Path> resume = (state == null ? scratch : state).configure(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        InProcessMetrics provider = InProcessMetrics.of(metrics);
        JobClient job;
        try {
            MonitorJob.build(env, new KafkaMonitorSources(kafka), KafkaMonitorSinks.of(kafka, provider), analyzers, provider,
                    settings);
            job = env.executeAsync(MonitorJob.NAME);
        } catch (Exception | Error e) {
            provider.close();
            throw e;
        }
        LOG.info("monitor job {} submitted to the local MiniCluster (parallelism {}){}", job.getJobID(), parallelism,
                resume.map(p -> ", resuming from " + p).orElse(""));
        return new LocalMonitor(job, resume, scratch, metrics, provider);
    }

    /** The checkpoint this job resumed from, if it did. */
    public Optional<Path> resumedFrom() {
        return resumedFrom;
    }

    /** A small MiniCluster that restarts failed tasks from the last checkpoint. */
    static Configuration flinkConfig() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
        return conf;
    }

    public JobClient job() {
        return job;
    }

    /** The registry the job's operators report to. */
    public MonitorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() throws Exception {
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("cancelling the monitor job: {}", e.toString());
        }
        metricsProvider.close();
        if (scratch != null) {
            scratch.clear();
        }
    }
}
