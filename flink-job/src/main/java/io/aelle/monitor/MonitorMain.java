package io.aelle.monitor;

import io.aelle.monitor.job.MonitorJob;
import io.aelle.monitor.kafka.KafkaMonitorSinks;
import io.aelle.monitor.kafka.KafkaMonitorSources;
import io.aelle.monitor.metrics.TaskManagerMetrics;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Entry class for {@code flink run -c io.aelle.monitor.MonitorMain JAR --bootstrap-servers ...}: parses the
 * job's options ({@link MonitorOptions}, the same as {@code ./aelle-monitor run}'s), builds the job on the caller's
 * execution environment (the cluster when started by {@code flink run}) and executes it. The topics must exist
 * ({@code ./aelle-monitor init-topics}). The operators run in the cluster's task manager JVMs, where no code of
 * ours runs first: the job ships {@link TaskManagerMetrics}, which makes each task manager's registry and serves
 * it on {@code --metrics-host}/{@code --metrics-port} on first use ({@code --metrics-port -1}: not served).
 */
@Command(name = "flink run -c io.aelle.monitor.MonitorMain JAR", mixinStandardHelpOptions = true,
        description = "Submits the monitor job to the Flink cluster running this program.")
public final class MonitorMain implements Callable<Integer> {

    @Mixin
    MonitorOptions options;

    public static void main(String[] args) {
        int code = new CommandLine(new MonitorMain()).execute(args);
        if (code != 0) {
            throw new IllegalArgumentException("aelle-monitor job submission failed (exit " + code + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        var kafka = options.kafka();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(options.parallelism());
        var analyzers = options.analyzers();
        var settings = options.settings();
        options.publishBundles(kafka, options.bundleArchives(), false); // the --bundles, into the bundles table
        var metrics = new TaskManagerMetrics(settings.metricsHost(), settings.metricsPort());
        MonitorJob.build(env, new KafkaMonitorSources(kafka), KafkaMonitorSinks.of(kafka, metrics), analyzers, metrics, settings);
        env.execute(MonitorJob.NAME);
        return 0;
    }
}
