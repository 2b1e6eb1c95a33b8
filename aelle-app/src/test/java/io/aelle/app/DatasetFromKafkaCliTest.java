package io.aelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.app.model.DatasetCommand;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.producer.DirectoryCheckpointSink;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./aelle-monitor dataset --from kafka} end to end: a study published to a real broker becomes a dataset. */
class DatasetFromKafkaCliTest {

    private static final String STUDY = "cli-kafka";

    @TempDir
    Path dir;

    @Test
    void helpListsBothSourcesAndTheKafkaOptions() {
        String help = CliRun.of("dataset", "--help").out();
        assertTrue(help.contains("DIR|kafka"), help);
        assertTrue(help.contains("--bootstrap-servers"), help);
        assertTrue(help.contains("--checkpoints-topic"), help);
    }

    @Test
    void noBrokerIsAOneLineUsageError() {
        CliRun r = CliRun.of("dataset", "--from", "kafka", "--bootstrap-servers", "127.0.0.1:1", "--kafka-timeout-s", "1",
                "--study", STUDY, "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: no Kafka broker answered at 127.0.0.1:1"), r.err());
    }

    @Test
    void aStudyOnKafkaBecomesADataset() throws Exception {
        Topics topics = new Topics("cli.checkpoints", "cli.outcomes", "cli.probes", "cli.verdicts", "cli.dead-letters");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
                init.initialize(topics, 1, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
            }
            try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), topics)) {
                sink.publishProbe(SyntheticRuns.probe(STUDY, 0.5, 2, 10, 3, 20, 7));
                for (String run : new String[] {"r1", "r2"}) {
                    for (int e = 0; e < 3; e++) {
                        sink.publishCheckpoint(checkpoint(STUDY, run, e));
                    }
                    sink.publishOutcome(new Outcome(run, STUDY, run.equals("r1") ? 0.2 : 0.9, 3, Outcome.COMPLETED));
                }
                sink.publishCheckpoint(checkpoint("another-study", "r9", 0));
            }
            Path out = dir.resolve("ds");
            CliRun r = CliRun.of("dataset", "--from", "kafka", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--checkpoints-topic", topics.checkpoints(), "--outcomes-topic", topics.outcomes(), "--probes-topic", topics.probes(),
                    "--study", STUDY, "--out", out.toString(), "--threads", "1");
            assertEquals(0, r.code(), r.err());
            Path mirror = out.resolve(DatasetCommand.KAFKA_MIRROR);
            assertEquals(Set.of("r1-e0000.safetensors", "r1-e0001.safetensors", "r1-e0002.safetensors", "r2-e0000.safetensors",
                    "r2-e0001.safetensors", "r2-e0002.safetensors", "r1.outcome.json", "r2.outcome.json",
                    io.aelle.wire.SweepLayout.PROBES + "/" + STUDY + ".safetensors"), files(mirror));
            StudyDataset ds = StudyDataset.read(out);
            assertEquals(6, ds.rows().size());
            assertEquals(Set.of("r1", "r2"), Set.copyOf(ds.runIds()));
        }
    }

    private static Checkpoint checkpoint(String study, String run, int epoch) {
        return SyntheticRuns.lstm(run, study, epoch, 3, 6, 3, 0.8 + 0.2 * epoch, 1.0 / (epoch + 1), run.hashCode() * 31L + epoch);
    }

    private static Set<String> files(Path root) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toSet());
        }
    }
}
