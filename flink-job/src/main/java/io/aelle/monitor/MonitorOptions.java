package io.aelle.monitor;

import io.aelle.kafka.KafkaConnection;
import io.aelle.model.lyapunov.SpectrumBudget;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.kafka.BundleTable;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The job's options, defined once: parsed by the {@code flink run} entry class {@link MonitorMain} and by {@code ./aelle-monitor run}. */
public final class MonitorOptions {

    /** The bundle shipped for the demo's study (aelle-model resources, bundles/NAME). */
    public static final String DEFAULT_BUNDLE = "smnist-demo";

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, e.g. broker:9092")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties for secured brokers (security.protocol, sasl.*, ssl.*); secrets in it are never logged")
    Path kafkaConfig;

    @Option(names = "--bundle", description = "embedding bundle published to the bundles table at start: a directory with "
            + "bundle.json, or the name of a shipped one (repeat for several studies; default: ${DEFAULT-VALUE}); studies "
            + "without one get UNKNOWN verdicts until a bundle arrives (publish-bundle, trainer)", defaultValue = MonitorOptions.DEFAULT_BUNDLE)
    List<String> bundles = new ArrayList<>();

    @Option(names = "--engine", defaultValue = SpectrumEngines.CPU, description = "spectrum engine: cpu, or djl (GPU from Flink's gpu external resource, else CPU) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--max-spectrum-gflop", paramLabel = "GFLOP",
            description = "a checkpoint whose spectrum is estimated to cost more is dead-lettered too_costly before any compute "
                    + "(default: " + (long) SpectrumBudget.CPU_MAX_GFLOP + " on the CPU, " + (long) SpectrumBudget.GPU_MAX_GFLOP
                    + " for the djl engine on a GPU)")
    Double maxSpectrumGflop;

    @Option(names = "--max-spectrum-seconds", paramLabel = "SECONDS",
            description = "a spectrum still running after this long is stopped and its checkpoint dead-lettered spectrum_timeout "
                    + "(default: " + (long) SpectrumBudget.DEFAULT_MAX_SECONDS + ")")
    Double maxSpectrumSeconds;

    @Option(names = "--metrics-host", defaultValue = "0.0.0.0", description = "address /metrics binds to (default: ${DEFAULT-VALUE})")
    String metricsHost;

    @Option(names = "--metrics-port", defaultValue = "" + MonitorSettings.DEFAULT_METRICS_PORT,
            description = "port of /metrics in each JVM; -1 to disable (default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--export-run-embedding",
            description = "export aelle_run_embedding (each run's latest point on the embedding plane, two series per run, "
                    + "the dashboard's scatter); off by default to bound series churn")
    boolean exportRunEmbedding;

    @Option(names = "--probe-hold", defaultValue = "PT10M",
            description = "how long a checkpoint waits for its study's probe before it is dead-lettered, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration probeHold;

    @Option(names = "--checkpoint-interval", defaultValue = "PT1S",
            description = "Flink checkpoint interval: verdicts become visible at each one, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(names = "--outcome-wait", defaultValue = "P7D",
            description = "how long a run's verdicts wait for its outcome after its latest verdict; then they are dropped and "
                    + "the run counted in aelle_runs_expired_total, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration outcomeWait;

    @Option(names = "--parallelism", defaultValue = "1", description = "operator parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--group", defaultValue = "aelle-monitor",
            description = "consumer group and transactional-id prefix (default: ${DEFAULT-VALUE})")
    String group;

    public KafkaWiring kafka() {
        return KafkaWiring.defaults(KafkaConnection.of(bootstrapServers, kafkaConfig)).withGroup(group, group);
    }

    public MonitorSettings settings() {
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        return MonitorSettings.defaults().withProbeHold(probeHold).withCheckpointInterval(checkpointInterval)
                .withMetrics(metricsHost, metricsPort).withOutcomeWait(outcomeWait).withRunEmbedding(exportRunEmbedding);
    }

    /**
     * Opened once here so an unknown engine is a usage error now, not a task failure later. It holds no bundle: the
     * job takes every study's bundle from the bundles table ({@link #publishBundles}).
     */
    public BundleAnalyzers analyzers() throws java.io.IOException {
        BundleAnalyzers analyzers = new BundleAnalyzers(engine, List.of(), maxSpectrumGflop, maxSpectrumSeconds);
        analyzers.open().close();
        return analyzers;
    }

    public int parallelism() {
        return parallelism;
    }

    /** The consumer group, also the name of the local runner's state folder. */
    public String group() {
        return group;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public List<String> bundles() {
        return bundles;
    }

    /** The {@code --bundle}s, read before anything starts: a bad one is a usage error naming it. */
    public List<io.aelle.model.embedding.BundleArchive> bundleArchives() throws java.io.IOException {
        return BundleTable.read(bundles);
    }

    /** Publishes the bundles to the bundles table, first creating the topics if {@code createTopics}. */
    public void publishBundles(KafkaWiring kafka, List<io.aelle.model.embedding.BundleArchive> archives, boolean createTopics) {
        BundleTable.publish(kafka, archives, createTopics ? parallelism : 0);
    }
}
