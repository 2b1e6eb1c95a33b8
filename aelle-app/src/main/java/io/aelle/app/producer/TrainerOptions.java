package io.aelle.app.producer;

import io.aelle.model.embedding.EmbeddingType;
import io.aelle.producer.trainer.StudyTrainer;
import io.aelle.model.autotrain.AutoTraining;
import io.aelle.model.evaluation.FeatureSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The auto-trainer's options: of {@code trainer}, and of {@code run}/{@code demo} with {@code --auto-train}. */
public final class TrainerOptions {

    public static final int DEFAULT_MIN_RUNS = 20;

    @Option(names = "--min-runs",
            description = "finished runs (completed or failed) a study needs before its bundle is trained (default: "
                    + DEFAULT_MIN_RUNS + "; demo --cold-start: 12)")
    Integer minRuns;

    @Option(names = "--embedding", defaultValue = "aelle",
            description = "embedding trained: aelle, dsae, dsae-sparse or dsae-supervised (default: ${DEFAULT-VALUE})")
    String embedding;

    @Option(names = "--features", split = ",", paramLabel = "SET",
            description = "combined feature sets (e.g. spectrum+loss, loss+hparams) the bundle must also beat, besides the "
                    + "baselines that read no spectrum")
    List<String> features = new ArrayList<>();

    @Option(names = "--trainer-dir", description = "where studies are mirrored and their datasets built (default: a temporary folder)")
    Path workDir;

    /** The settings; a bad option is a usage error naming it. */
    public AutoTraining training() {
        return training(DEFAULT_MIN_RUNS);
    }

    /** The settings, with {@code defaultMinRuns} unless {@code --min-runs} was given. */
    public AutoTraining training(int defaultMinRuns) {
        int minRuns = this.minRuns != null ? this.minRuns : defaultMinRuns;
        List<FeatureSet> sets = features.stream().map(FeatureSet::parse).distinct().toList();
        for (FeatureSet s : sets) {
            if (s.has(FeatureSet.Block.EMBEDDING)) {
                throw new IllegalArgumentException("--features " + s.id() + ": the bar is what a search has without the embedding; "
                        + "use sets without 'embedding'");
            }
        }
        return new AutoTraining(AutoTraining.Settings.defaults().withMinRuns(minRuns).withEmbedding(EmbeddingType.parse(embedding))
                .withFeatures(sets));
    }

    /** The work folder: {@code --trainer-dir}, created if needed, else a new temporary folder. */
    public Path workDir() throws java.io.IOException {
        return workDir != null ? java.nio.file.Files.createDirectories(workDir) : java.nio.file.Files.createTempDirectory("aelle-trainer-");
    }

    /** A trainer with these options against the given Kafka, logging to stderr. */
    public StudyTrainer trainer(io.aelle.kafka.KafkaConnection connection, io.aelle.wire.Topics topics,
                                int maxRecordBytes) throws java.io.IOException {
        return trainer(connection, topics, maxRecordBytes, training(), System.err::println);
    }

    /** A trainer with {@code training} against the given Kafka. */
    public StudyTrainer trainer(io.aelle.kafka.KafkaConnection connection, io.aelle.wire.Topics topics,
                                int maxRecordBytes, AutoTraining training, java.util.function.Consumer<String> log) throws java.io.IOException {
        return new StudyTrainer(connection, topics, maxRecordBytes, training, workDir(), log, java.time.Clock.systemUTC());
    }
}
