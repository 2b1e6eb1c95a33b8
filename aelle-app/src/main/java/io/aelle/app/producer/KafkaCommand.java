package io.aelle.app.producer;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.wire.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kafka}: a single-node KRaft broker for local use, in this process, until interrupted. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = {"Runs a local single-node Kafka broker until interrupted.",
            "A KRaft broker on 127.0.0.1 inside this process. Its data is kept in --data-dir across restarts; without it, "
                    + "in a temporary folder removed on exit (Ctrl-C). It creates the AeLLE topics unless --no-init-topics."})
public final class KafkaCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--init-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create the default AeLLE topics once the broker is up (default: ${DEFAULT-VALUE}).")
    boolean initTopics;

    @Option(names = "--data-dir", description = "Folder for the broker's data, kept across restarts (created if missing). "
            + "Without it the data is temporary.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (dataDir == null) {
            System.err.println("warning: the broker's data is temporary and removed on exit; use --data-dir DIR to keep it");
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(port, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "aelle-kafka-shutdown"));
        if (initTopics) {
            try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
                init.initialize(Topics.defaults(), InitTopicsCommand.DEFAULT_PARTITIONS, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
            }
        }
        System.out.println("Kafka broker running; bootstrap servers: " + kafka.bootstrapServers() + "; data in "
                + kafka.directory() + " (Ctrl-C to stop)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
