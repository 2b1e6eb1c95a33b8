package io.aelle.app.producer;

import io.aelle.kafka.TopicInitializer;
import io.aelle.wire.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code init-topics}: creates the AeLLE topics with their configs; safe to run again. */
@Command(name = "init-topics", mixinStandardHelpOptions = true,
        description = {"Creates the AeLLE topics with their configs.",
            "Checkpoints, outcomes, compacted probes and verdicts, dead letters; 64 MiB records where files travel. "
                    + "Topics that exist keep their partitions and get their configs set again."})
public final class InitTopicsCommand implements Callable<Integer> {

    static final int DEFAULT_PARTITIONS = 4;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--partitions", defaultValue = "" + DEFAULT_PARTITIONS, description = "Partitions per new topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas per partition (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Override
    public Integer call() throws Exception {
        kafka.requireReachable();
        try (TopicInitializer init = new TopicInitializer(kafka.connection())) {
            for (TopicInitializer.Result r : init.initialize(kafka.topics(), partitions, replicationFactor, kafka.maxRecordBytes())) {
                System.out.printf("%-24s %-8s %s%n", r.topic(), r.created() ? "created" : "exists", r.configs());
            }
        }
        return 0;
    }
}
