package io.aelle.app.producer;

import io.aelle.app.model.DatasetCommand;
import io.aelle.app.model.ProgressBar;
import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.model.dataset.StudySource;
import io.aelle.producer.kafka.StudyTopicExport;
import io.aelle.wire.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code dataset --from kafka}: mirrors the study's topics into {@code OUT/kafka-mirror/} with
 * {@link StudyTopicExport} and hands that directory to the dataset builder. Added to the dataset command as a picocli
 * mixin ({@link DatasetCommand#addSource}), so these options are the command's Kafka options. The option names and
 * defaults are those of the other Kafka commands; only the topics read are offered.
 */
public final class KafkaStudySource implements StudySource {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = ProducerSettings.DEFAULT_BOOTSTRAP_SERVERS,
            description = "With --from kafka: Kafka brokers to read from (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "With --from kafka: Kafka client properties for secured brokers (security.protocol, sasl.*, ssl.*).")
    Path kafkaConfig;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = "" + ProducerSettings.DEFAULT_MAX_RECORD_BYTES,
            description = "With --from kafka: largest record accepted; larger ones are skipped as bad (default: ${DEFAULT-VALUE}, 64 MiB).")
    int maxRecordBytes;

    @Option(names = "--checkpoints-topic", defaultValue = Topics.CHECKPOINTS, description = "With --from kafka. Default: ${DEFAULT-VALUE}.")
    String checkpointsTopic;

    @Option(names = "--outcomes-topic", defaultValue = Topics.OUTCOMES, description = "With --from kafka. Default: ${DEFAULT-VALUE}.")
    String outcomesTopic;

    @Option(names = "--probes-topic", defaultValue = Topics.PROBES, description = "With --from kafka. Default: ${DEFAULT-VALUE}.")
    String probesTopic;

    @Option(names = "--kafka-timeout-s", defaultValue = "60",
            description = "With --from kafka: how long to wait for the broker, and for progress while records remain (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Path sweepDirectory(String study, Path out) throws IOException {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--kafka-timeout-s must be >= 1, got " + timeoutSeconds);
        }
        Topics defaults = Topics.defaults();
        Topics topics = defaults.withCheckpoints(checkpointsTopic).withOutcomes(outcomesTopic).withProbes(probesTopic);
        Path mirror = out.resolve(DatasetCommand.KAFKA_MIRROR);
        ProgressBar[] bar = new ProgressBar[1];
        StudyTopicExport.Summary s = new StudyTopicExport(KafkaConnection.of(bootstrapServers, kafkaConfig), topics, maxRecordBytes, Duration.ofSeconds(timeoutSeconds))
                .export(study, mirror, (done, total) -> {
                    if (total == 0) {
                        return;
                    }
                    if (bar[0] == null) {
                        bar[0] = new ProgressBar("kafka " + study, total);
                    }
                    bar[0].update(done, "records");
                });
        System.out.printf(Locale.ROOT, "%s: study %s from %s: %d checkpoints, %d outcomes, %d probe (%d files written, %d unchanged; "
                        + "%d bad records skipped, %d of other studies)%n", mirror, study, bootstrapServers, s.checkpoints(), s.outcomes(),
                s.probes(), s.written(), s.unchanged(), s.rejected(), s.otherRecords());
        return mirror;
    }
}
