package io.aelle.app;

import io.aelle.monitor.MonitorOptions;
import io.aelle.monitor.local.LocalMonitor;
import io.aelle.app.producer.TrainerOptions;
import io.aelle.monitor.local.StateDirectory;
import io.aelle.monitor.metrics.MonitorMetrics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the monitor job on a local Flink MiniCluster against an external Kafka, until interrupted. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the monitor job in this JVM (Flink MiniCluster) against an external Kafka until interrupted.",
                "Creates the topics if missing. Flink checkpoints are kept in --state-dir, also after Ctrl-C or a crash; the same "
                        + "command started again resumes from the latest completed one.",
                "To submit to a Flink cluster instead: flink run -c io.aelle.monitor.MonitorMain JAR --bootstrap-servers ..."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    MonitorOptions options;

    @Option(names = "--state-dir", description = "where the job's Flink checkpoints are kept (default: .aelle/state/<group> in the project)")
    Path stateDir;

    @Option(names = "--flink-metrics-port", defaultValue = "" + LocalMonitor.DEFAULT_FLINK_METRICS_PORT,
            description = "port of Flink's own Prometheus metrics (Kafka source lag for the dashboard, checkpoints), "
                    + "on every interface; -1 to disable (default: ${DEFAULT-VALUE})")
    int flinkMetricsPort;

    @Option(names = "--auto-train", description = "also run the auto-trainer in this process (see `trainer --help`): studies "
            + "without a bundle get one trained from their first finished runs")
    boolean autoTrain;

    @Mixin
    TrainerOptions trainerOptions;

    @Override
    public Integer call() throws Exception {
        var settings = options.settings();
        if (autoTrain) {
            trainerOptions.training(); // a bad trainer option is a usage error before anything starts
        }
        var analyzers = options.analyzers();
        var bundles = options.bundleArchives();
        StateDirectory state = stateDir != null ? new StateDirectory(stateDir) : StateDirectory.forGroup(options.group());
        options.publishBundles(options.kafka(), bundles, true);
        // This process's registry, served from here on: the job's operators only report to it.
        MonitorMetrics metrics = new MonitorMetrics();
        if (settings.metricsPort() >= 0) {
            int port = metrics.serve(settings.metricsHost(), settings.metricsPort());
            System.err.printf("metrics: http://%s:%d/metrics%n",
                    "0.0.0.0".equals(settings.metricsHost()) ? "localhost" : settings.metricsHost(), port);
        }
        try (LocalMonitor monitor = LocalMonitor.start(options.kafka(), analyzers, metrics, settings, options.parallelism(),
                state, flinkMetricsPort)) {
            System.err.println(monitor.resumedFrom().map(chk -> "resuming from checkpoint " + chk)
                    .orElse("no earlier checkpoint in " + state.path() + ": starting fresh"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    monitor.close();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }));
            System.err.printf("monitor job %s running against %s; bundles %s%n", monitor.job().getJobID(),
                    options.bootstrapServers(), options.bundles());
            if (autoTrain) {
                var kafka = options.kafka();
                trainerOptions.trainer(kafka.connection(), kafka.topics(), kafka.maxRecordBytes()).startInBackground();
            }
            monitor.job().getJobExecutionResult().get();
        } finally {
            metrics.stopServing();
        }
        return 0;
    }
}
