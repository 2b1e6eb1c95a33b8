package io.aelle.app.producer;

import io.aelle.producer.kafka.CheckpointPublisher;
import io.aelle.producer.kafka.KafkaRecordSender;
import io.aelle.producer.kafka.OutcomePublisher;
import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.SafetensorsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code publish FILE...}: sends checkpoint files (and {@code *.outcome.json} outcomes) to Kafka, one acknowledged record each. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes checkpoint and outcome files to Kafka.",
            "Safetensors checkpoints go to the checkpoints topic (key aelle.run_id), *.outcome.json files to the outcomes "
                    + "topic. Each file is validated first; a bad file is reported and the others are still sent."})
public final class PublishCommand implements Callable<Integer> {

    private static final long MAX_OUTCOME_BYTES = 1 << 20;

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Checkpoint (*.safetensors) or outcome (*.outcome.json) files.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        kafka.requireReachable();
        int failed = 0;
        try (KafkaRecordSender sender = new KafkaRecordSender(kafka.producerSettings())) {
            CheckpointPublisher checkpoints = new CheckpointPublisher(sender, kafka.topics());
            OutcomePublisher outcomes = new OutcomePublisher(sender, kafka.topics());
            int i = 0;
            for (Path file : files) {
                i++;
                try {
                    RecordMetadata at = file.getFileName().toString().endsWith(".outcome.json")
                            ? outcomes.publish(readOutcome(file))
                            : checkpoints.publish(file);
                    System.out.printf("[%d/%d] %s -> %s-%d@%d%n", i, files.size(), file, at.topic(), at.partition(), at.offset());
                } catch (IllegalArgumentException | IOException e) {
                    failed++;
                    System.err.printf("[%d/%d] error: %s%n", i, files.size(), message(file, e));
                }
            }
        }
        if (failed > 0) {
            throw new IllegalArgumentException(failed + " of " + files.size() + " files were not published");
        }
        return 0;
    }

    private static Outcome readOutcome(Path file) throws IOException {
        if (Files.size(file) > MAX_OUTCOME_BYTES) {
            throw new IllegalArgumentException("outcome file is over " + MAX_OUTCOME_BYTES + " bytes");
        }
        return Outcome.parse(Files.readAllBytes(file));
    }

    private static String message(Path file, Exception e) {
        if (e instanceof SafetensorsFormatException f) {
            return file + ": " + f.detail() + " (" + f.rule() + ")";
        }
        String m = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
        return m.contains(file.toString()) ? m : file + ": " + m;
    }
}
