package io.aelle.app.producer;

import io.aelle.producer.trainer.StudyTrainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code trainer}: the auto-trainer as its own process, until interrupted. */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = {"Watches the outcomes topic and trains each study's embedding bundle from its finished runs, so new "
                + "studies get verdicts without a hand-trained bundle.",
                "A study is trained when it has no bundle, or its auto-trained bundle was built on half as many runs as have "
                        + "finished now, once --min-runs runs have finished with at least 5 low- and 5 high-error runs. The bundle is "
                        + "cross-validated against the strongest baseline on the same runs and published to the bundles topic only "
                        + "when it is better; otherwise the trainer logs why. The monitor job picks a published bundle up at once.",
                "The same trainer runs inside `run --auto-train` and `demo --auto-train`."},
        footer = {"", "Examples:",
                "  aelle-monitor trainer --bootstrap-servers broker:9092",
                "  aelle-monitor trainer --min-runs 30 --embedding dsae-supervised --features spectrum+loss"})
public final class TrainerCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TrainerOptions options;

    @Override
    public Integer call() throws Exception {
        options.training(); // a bad option is a usage error before the broker is asked
        kafka.requireReachable();
        StudyTrainer trainer = options.trainer(kafka.connection(), kafka.topics(), kafka.maxRecordBytes());
        Runtime.getRuntime().addShutdownHook(new Thread(trainer::close));
        trainer.run();
        return 0;
    }
}
