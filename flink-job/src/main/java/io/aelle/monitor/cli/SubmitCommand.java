package io.aelle.monitor.cli;

import io.aelle.monitor.job.MonitorJob;
import io.aelle.monitor.kafka.KafkaMonitorSinks;
import io.aelle.monitor.kafka.KafkaMonitorSources;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code submit}: builds the job on the execution environment of the caller, which is the cluster when started
 * by {@code flink run} (through {@link io.aelle.monitor.job.MonitorMain}), and executes it. The topics must exist
 * ({@code ./aelle-monitor init-topics}).
 */
@Command(name = "submit", hidden = true, mixinStandardHelpOptions = true,
        description = "Submits the monitor job to the Flink cluster running this program (used by flink run).")
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    MonitorOptions options;

    @Override
    public Integer call() throws Exception {
        var kafka = options.kafka();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(options.parallelism);
        var analyzers = options.analyzers();
        var settings = options.settings();
        options.publishBundles(kafka, options.bundleArchives(), false);
        MonitorJob.build(env, new KafkaMonitorSources(kafka), KafkaMonitorSinks.of(kafka), analyzers, settings);
        env.execute(MonitorJob.NAME);
        return 0;
    }
}
