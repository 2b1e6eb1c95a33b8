package io.aelle.app.producer;

import io.aelle.producer.attach.AttachSidecar;
import io.aelle.producer.kafka.CheckpointPublisher;
import io.aelle.producer.kafka.KafkaRecordSender;
import io.aelle.producer.kafka.OutcomePublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attach DIR}: the sidecar that publishes a trainer's checkpoint folder without code changes. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Publishes a trainer's checkpoint folder as it fills (a sidecar).",
            "Watches DIR until interrupted (Ctrl-C) and publishes each *.safetensors checkpoint and *.outcome.json outcome "
                    + "exactly once. Write files under a temporary or hidden name and rename them into DIR. What was published "
                    + "is remembered in DIR/" + AttachSidecar.LEDGER_NAME + ", so a restart repeats and skips nothing; a bad file "
                    + "moves to DIR/" + AttachSidecar.REJECTED_DIR + "/ with a .reason file beside it."})
public final class AttachCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "DIR", description = "The folder the trainer writes checkpoints to.")
    Path dir;

    @Option(names = "--settle-ms", defaultValue = "500", description = "How long a file must stand still before it is read (default: ${DEFAULT-VALUE}).")
    long settleMs;

    @Option(names = "--rescan-ms", defaultValue = "2000", description = "Periodic rescan besides the file-system events (default: ${DEFAULT-VALUE}).")
    long rescanMs;

    @Override
    public Integer call() throws Exception {
        if (settleMs < 0 || rescanMs < 10) {
            throw new IllegalArgumentException("--settle-ms must be >= 0 and --rescan-ms >= 10");
        }
        AttachSidecar.Settings settings = new AttachSidecar.Settings(Duration.ofMillis(settleMs), Duration.ofMillis(rescanMs),
                AttachSidecar.Settings.defaults().growthGrace());
        KafkaRecordSender sender = new KafkaRecordSender(kafka.producerSettings());
        AttachSidecar sidecar = new AttachSidecar(dir, new CheckpointPublisher(sender, kafka.topics()),
                new OutcomePublisher(sender, kafka.topics()), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sidecar.close();
            } catch (java.io.IOException e) {
                System.err.println("error: " + e.getMessage());
            } finally {
                sender.close();
            }
        }, "aelle-attach-shutdown"));
        System.out.println("attached to " + dir.toAbsolutePath() + ", publishing to " + kafka.bootstrapServers() + " (Ctrl-C to stop)");
        sidecar.start().awaitTermination();
        return 0;
    }
}
