package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.training.AlphaSchedule;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.embedding.BundleProvenance;
import io.aelle.model.embedding.EmbeddingType;
import io.aelle.model.autotrain.AutoTraining;
import io.aelle.wire.Outcome;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.kafka.KafkaConnection;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.wire.Topics;
import io.aelle.producer.trainer.StudyTrainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auto-trainer against a real broker: it trains nothing before K runs have finished, publishes a bundle for a
 * study whose outcome the spectrum decides once the K-th run has finished, and refuses (logging why) for a study
 * whose outcome the early losses decide. The checkpoints are small LSTMs whose weight scale sets their spectrum.
 */
class StudyTrainerKafkaTest {

    private static final int RUNS = 16;
    private static final int TOTAL_EPOCHS = 3;
    private static final double THRESHOLD = 0.5;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path work;

    @Test
    void publishesAfterKRunsWhereTheSpectrumDecidesAndRefusesWhereTheLossesDo() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = Topics.defaults();
            KafkaConnection connection = KafkaConnection.plain(kafka.bootstrapServers());
            try (TopicInitializer init = new TopicInitializer(connection)) {
                init.initialize(topics, 1, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
            }
            List<String> log = new CopyOnWriteArrayList<>();
            // A small AeLLE network and a short schedule: 16 runs need no more, and the test stays short.
            AutoTraining training = new AutoTraining(AutoTraining.Settings.defaults().withMinRuns(RUNS).withEmbedding(EmbeddingType.AELLE)
                    .withAelle(new AelleTrainer.Settings(List.of(32, 16), 4, 0.1, 1, AlphaSchedule.parse("5:15,10:15"), 1e-3, 64, 1)));
            StudyTrainer trainer = new StudyTrainer(connection, topics, ProducerSettings.DEFAULT_MAX_RECORD_BYTES, training, work,
                    line -> {
                        log.add(line);
                        System.out.println(java.time.Instant.now() + " " + line);
                    }, Clock.systemUTC());
            try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), topics);
                 trainer) {
                List<Outcome> learnable = study(sink, "by-spectrum", true);
                List<Outcome> byLoss = study(sink, "by-loss", false);
                for (int i = 0; i < RUNS - 1; i++) {
                    sink.publishOutcome(learnable.get(i));
                }
                byLoss.forEach(sink::publishOutcome);
                sink.flush();
                trainer.startInBackground();

                await(() -> trainer.finishedRuns().getOrDefault("by-spectrum", 0) == RUNS - 1, "the first K-1 outcomes counted");
                await(() -> log.stream().anyMatch(l -> l.contains("study by-loss: no bundle")), "the by-loss study refused");
                assertTrue(log.stream().anyMatch(l -> l.contains("study by-loss: no bundle") && l.contains("not above the strongest baseline")),
                        String.join("\n", log));
                assertTrue(log.stream().noneMatch(l -> l.contains("study by-spectrum: " + (RUNS - 1) + " runs finished; mirroring")),
                        "nothing trained before K runs: " + log);

                sink.publishOutcome(learnable.get(RUNS - 1));
                sink.flush();
                List<BundleArchive> published = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> bundles = consumer(connection, topics.bundles())) {
                    await(() -> {
                        for (ConsumerRecord<byte[], byte[]> r : bundles.poll(Duration.ofMillis(200))) {
                            published.add(BundleArchive.parse(r.value()));
                        }
                        return !published.isEmpty();
                    }, "a bundle for the by-spectrum study: " + log);
                    bundles.poll(Duration.ofSeconds(1)).forEach(r -> published.add(BundleArchive.parse(r.value())));
                }
                assertEquals(1, published.size(), "one bundle, for the learnable study only");
                BundleProvenance p = published.get(0).provenance().orElseThrow();
                assertEquals("by-spectrum", p.study());
                assertEquals(RUNS, p.runs());
                assertTrue(p.validationF1() > p.baselineF1(), p.toString());
            }
        }
    }

    /**
     * One study of small LSTM runs: the weight scale (spread over a range) sets the spectrum. {@code bySpectrum}: the
     * final loss is low exactly for the larger scales and the recorded losses are noise; otherwise the final loss is the
     * early loss and the scale is noise.
     */
    private static List<Outcome> study(KafkaCheckpointSink sink, String study, boolean bySpectrum) {
        sink.publishProbe(TestRuns.probe(study, THRESHOLD));
        Random r = new Random(study.hashCode());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String run = study + "-" + i;
            boolean low = i % 2 == 0;
            double scale = bySpectrum ? (low ? 2.2 : 0.6) + 0.4 * r.nextDouble() : 0.6 + 2.0 * r.nextDouble();
            double finalLoss = low ? 0.2 + 0.2 * r.nextDouble() : 0.7 + 0.2 * r.nextDouble();
            for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
                double valLoss = bySpectrum ? 0.4 + 0.3 * r.nextDouble() : finalLoss + 0.1 * (TOTAL_EPOCHS - epoch);
                sink.publishCheckpoint(TestRuns.checkpoint(run, study, epoch, TOTAL_EPOCHS, scale, valLoss, TestRuns.INPUTS));
            }
            outcomes.add(new Outcome(run, study, finalLoss, TOTAL_EPOCHS, Outcome.COMPLETED));
        }
        sink.flush();
        return outcomes;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection connection, String topic) {
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-bundles");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
