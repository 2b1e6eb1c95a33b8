package io.aelle.producer.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.TopicInitializer;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.producer.task.SineTask;
import io.aelle.producer.train.CollectingSink;
import io.aelle.producer.train.RecurrentNetworkBlock;
import io.aelle.producer.train.RunTrainer;
import io.aelle.producer.train.TrainingSettings;
import io.aelle.producer.train.Variant;
import io.aelle.producer.verdict.VerdictClient;
import io.aelle.producer.verdict.Verdicts;
import io.aelle.wire.Outcome;
import io.aelle.wire.Topics;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The early-stop hook with verdicts travelling through a real broker: stop mode ends a run after the epoch whose
 * verdict says high error, never before the minimum training fraction; advisory mode never stops.
 */
class AelleTrainingListenerTest {

    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    private static final int EPOCHS = 10;
    private static EmbeddedKafka kafka;
    private static VerdictClient client;
    private static KafkaProducer<String, byte[]> producer;
    private final SineTask task = new SineTask(3);
    private final RunTrainer trainer = new RunTrainer(task, task.trainingSet(16, 1), task.validationSet(8),
            new TrainingSettings(EPOCHS, 16, 0));
    private final Variant variant = new Variant(Arch.RNN, 8, 0.5, 0.01, 4);

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
            init.initialize(Topics.defaults(), 1, (short) 1, 1 << 20);
        }
        client = new VerdictClient(kafka.bootstrapServers());
        producer = Verdicts.producer(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
        client.close();
        kafka.close();
    }

    /** A sink that, like the monitor, answers each published checkpoint with a verdict on the topic. */
    private static final class AnsweringSink extends CollectingSink {
        private final IntFunction<String> verdictForEpoch;

        AnsweringSink(IntFunction<String> verdictForEpoch) {
            this.verdictForEpoch = verdictForEpoch;
        }

        @Override
        public void publishCheckpoint(Checkpoint c) {
            super.publishCheckpoint(c);
            String v = verdictForEpoch.apply(c.metadata().epoch());
            if (v != null) {
                Verdicts.send(producer, VerdictClient.DEFAULT_TOPIC, Verdicts.of(c.metadata().runId(), c.metadata().epoch(), EPOCHS, v));
            }
        }
    }

    private RunTrainer.Result train(String runId, CollectingSink sink, VerdictMode mode, Duration wait) {
        return train(runId, sink, mode, wait, 0);
    }

    private RunTrainer.Result train(String runId, CollectingSink sink, VerdictMode mode, Duration wait, double auditRate) {
        return trainer.train(runId, variant, (block, losses) -> new AelleTrainingListener(new AelleTrainingListener.Settings(runId,
                "study", EPOCHS, "rnn", RecurrentNetworkBlock.LAYER_PREFIX, null, sink, t -> block.export(), losses, mode, client, wait,
                AelleTrainingListener.Settings.DEFAULT_MIN_FRACTION, auditRate, 7)), (r, e, n, l) -> { });
    }

    private static List<Integer> epochs(CollectingSink sink) {
        return sink.checkpoints.stream().map(c -> c.metadata().epoch()).toList();
    }

    @Test
    void stopsAfterTheEpochWhoseVerdictSaysHighErrorAndNotBefore() {
        AnsweringSink sink = new AnsweringSink(e -> e < 4 ? Verdict.LIKELY_LOW_ERROR : Verdict.LIKELY_HIGH_ERROR);
        RunTrainer.Result r = train("late-high", sink, VerdictMode.STOP, Duration.ofSeconds(30));
        assertEquals(List.of(0, 1, 2, 3, 4), epochs(sink));
        assertEquals(1, sink.outcomes.size());
        Outcome o = sink.outcomes.get(0);
        assertEquals(Outcome.STOPPED_EARLY, o.status());
        assertEquals(4, o.epochsCompleted());
        assertEquals(r.finalValLoss(), o.finalValLoss());
    }

    @Test
    void neverStopsBeforeTheMinimumTrainingFraction() {
        // High error from the very first checkpoint: the guard (0.2 of 10 epochs) holds the run until epoch 2.
        AnsweringSink sink = new AnsweringSink(e -> Verdict.LIKELY_HIGH_ERROR);
        train("early-high", sink, VerdictMode.STOP, Duration.ofSeconds(30));
        assertEquals(List.of(0, 1, 2), epochs(sink));
        assertEquals(Outcome.STOPPED_EARLY, sink.outcomes.get(0).status());
        assertEquals(2, sink.outcomes.get(0).epochsCompleted());
    }

    @Test
    void anAuditedRunTrainsOnWhereItWouldStopAndItsOutcomeSaysSo() {
        AnsweringSink sink = new AnsweringSink(e -> e < 4 ? Verdict.LIKELY_LOW_ERROR : Verdict.LIKELY_HIGH_ERROR);
        train("audited", sink, VerdictMode.STOP, Duration.ofSeconds(30), 1.0);
        assertEquals(EPOCHS + 1, sink.checkpoints.size());
        Outcome o = sink.outcomes.get(0);
        assertEquals(Outcome.COMPLETED, o.status());
        assertEquals(EPOCHS, o.epochsCompleted());
        assertTrue(o.audit());
        assertTrue(new String(o.toJson(), java.nio.charset.StandardCharsets.UTF_8).contains("\"audit\":true"));
    }

    @Test
    void theAuditDrawIsSeededPerRunAndHitsAboutTheRate() {
        int audited = 0;
        for (int i = 0; i < 2000; i++) {
            AelleTrainingListener.Settings s = new AelleTrainingListener.Settings("run-" + i, "study", EPOCHS, "rnn", "rnn_layer.",
                    null, new CollectingSink(), t -> java.util.Map.of(), LossSource.fromTrainingResult(), VerdictMode.OFF, null,
                    Duration.ZERO, 0.2);
            audited += s.audited() ? 1 : 0;
            assertEquals(s.audited(), new AelleTrainingListener.Settings("run-" + i, "study", EPOCHS, "rnn", "rnn_layer.", null,
                    new CollectingSink(), t -> java.util.Map.of(), LossSource.fromTrainingResult(), VerdictMode.OFF, null, Duration.ZERO,
                    0.2).audited(), "the same run draws the same");
        }
        assertEquals(AelleTrainingListener.Settings.DEFAULT_AUDIT_RATE, audited / 2000.0, 0.02, "default rate 0.1");
    }

    @Test
    void advisoryModeOnlyLogs() {
        AnsweringSink sink = new AnsweringSink(e -> Verdict.LIKELY_HIGH_ERROR);
        train("advised", sink, VerdictMode.ADVISORY, Duration.ofSeconds(30));
        assertEquals(EPOCHS + 1, sink.checkpoints.size());
        assertEquals(Outcome.COMPLETED, sink.outcomes.get(0).status());
        assertEquals(EPOCHS, sink.outcomes.get(0).epochsCompleted());
    }
}
