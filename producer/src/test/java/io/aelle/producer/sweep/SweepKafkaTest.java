package io.aelle.producer.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.broker.TopicReader;
import io.aelle.kafka.TopicInitializer;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.producer.task.SmnistTask;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A tiny SMNIST sweep end to end through a real embedded broker. */
class SweepKafkaTest {

    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    @Test
    void tinySweepStreamsProbeCheckpointsInOrderAndOutcomes() throws Exception {
        int variants = 3;
        int epochs = 2;
        SweepSpec spec = new SweepSpec("smnist", variants, epochs, 16, 64, 40, 5, List.of("lstm", "gru"), List.of(8),
                List.of(0.5, 2.0), List.of(1e-3, 1e-2), 0, null, 3, 1, false);
        Path data = Path.of(System.getProperty("aelle.shared.dir", "../shared")).resolve("data");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SweepReport report;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
                init.initialize(Topics.defaults(), 2, (short) 1, 1 << 20);
            }
            try (KafkaCheckpointSink sink = KafkaCheckpointSink.connect(kafka.bootstrapServers())) {
                report = new Sweep(spec, new SmnistTask(data), "tiny", sink, 2, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
            }
            String bootstrap = kafka.bootstrapServers();
            int expectedCheckpoints = variants * (epochs + 1);
            List<ConsumerRecord<byte[], byte[]>> ckpts = TopicReader.read(bootstrap, Topics.CHECKPOINTS, expectedCheckpoints,
                    Duration.ofSeconds(30), Duration.ofMillis(500));
            List<ConsumerRecord<byte[], byte[]>> outcomes = TopicReader.read(bootstrap, Topics.OUTCOMES, variants,
                    Duration.ofSeconds(30), Duration.ofMillis(300));
            List<ConsumerRecord<byte[], byte[]>> probes = TopicReader.read(bootstrap, Topics.PROBES, 1,
                    Duration.ofSeconds(30), Duration.ofMillis(300));

            assertEquals(expectedCheckpoints, ckpts.size());
            Map<String, List<Integer>> epochsPerRun = ckpts.stream()
                    .map(r -> Checkpoint.parse(r.value()))
                    .collect(Collectors.groupingBy(c -> c.metadata().runId(), java.util.TreeMap::new,
                            Collectors.mapping(c -> c.metadata().epoch(), Collectors.toList())));
            assertEquals(List.of("tiny-r000", "tiny-r001", "tiny-r002"), List.copyOf(epochsPerRun.keySet()));
            epochsPerRun.values().forEach(e -> assertEquals(List.of(0, 1, 2), e, "epoch 0 first, then each epoch in order"));
            for (ConsumerRecord<byte[], byte[]> r : ckpts) {
                Checkpoint c = Checkpoint.parse(r.value());
                assertEquals(c.metadata().runId(), new String(r.key(), StandardCharsets.UTF_8));
                assertEquals(epochs, c.metadata().totalEpochs());
                assertTrue(c.metadata().valLoss().isPresent(), "every checkpoint carries aelle.val_loss");
                assertTrue(c.tensors().containsKey("rnn_layer.weight_hh_l0"));
            }

            assertEquals(variants, outcomes.size());
            for (ConsumerRecord<byte[], byte[]> r : outcomes) {
                Outcome o = Outcome.parse(r.value());
                assertEquals(Outcome.COMPLETED, o.status());
                assertEquals(epochs, o.epochsCompleted());
                assertEquals("tiny", o.studyId());
            }

            Probe probe = Probe.parse(probes.get(probes.size() - 1).value());
            assertEquals("tiny", probe.studyId());
            assertEquals("smnist", probe.task());
            assertArrayEquals(new int[] {5, 28, 28}, probe.inputs().shape());
            assertEquals(report.threshold(), probe.lossThreshold(), 1e-12, "the probe carries the threshold in force");
            assertEquals(report.thresholdAdjusted() ? 2 : 1, probes.size());
        }
        assertEquals(variants, report.results().size());
        String shown = progress.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("3/3 runs"), shown);
        assertTrue(report.table().contains("tiny-r002"));
    }
}
