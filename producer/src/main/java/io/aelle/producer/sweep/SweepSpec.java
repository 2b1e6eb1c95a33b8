package io.aelle.producer.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.producer.train.TrainingSettings;
import io.aelle.producer.train.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A study's design: the task, how each run trains, and the ranges variants are sampled from. Read from JSON or
 * YAML (snake_case keys, as below); a built-in profile gives the defaults and CLI flags override single fields.
 *
 * @param initHalfWidth  [min, max] of p, sampled uniformly
 * @param learningRate   [min, max], sampled log-uniformly (equal ends: fixed)
 * @param lossThreshold  null: the task's default (smnist 0.5, charrnn 1.75, sine 0.2), adjusted to the median if
 *                       almost no or almost all variants fall below it
 * @param seedsPerConfig runs per sampled configuration: consecutive runs share arch, hidden, p and learning rate and
 *                       differ only in their init seed (1: every run its own configuration)
 * @param medianThreshold the low-error threshold is always the median final loss (half the runs low error)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SweepSpec(@JsonProperty("task") String task,
                        @JsonProperty("variants") int variants,
                        @JsonProperty("epochs") int epochs,
                        @JsonProperty("batch_size") int batchSize,
                        @JsonProperty("train_subset") int trainSubset,
                        @JsonProperty("validation_size") int validationSize,
                        @JsonProperty("probe_size") int probeSize,
                        @JsonProperty("arch") List<String> arch,
                        @JsonProperty("hidden") List<Integer> hidden,
                        @JsonProperty("init_half_width") List<Double> initHalfWidth,
                        @JsonProperty("learning_rate") List<Double> learningRate,
                        @JsonProperty("grad_clip") double gradClip,
                        @JsonProperty("loss_threshold") Double lossThreshold,
                        @JsonProperty("seed") long seed,
                        @JsonProperty("seeds_per_config") int seedsPerConfig,
                        @JsonProperty("median_threshold") boolean medianThreshold) {

    /** The hard profile's ranges, chosen by a pilot (docs/studies/hard/README.md). */
    static final List<Double> HARD_INIT_HALF_WIDTH = List.of(1.0, 1.6);
    static final double HARD_LEARNING_RATE = 1e-2;
    static final int HARD_TRAIN_SUBSET = 1500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SweepSpec {
        if (variants < 1 || variants > 100_000) {
            throw new IllegalArgumentException("variants must be in 1..100000, got " + variants);
        }
        if (trainSubset < 1 || validationSize < 1) {
            throw new IllegalArgumentException("train_subset and validation_size must be >= 1");
        }
        if (probeSize < 1 || probeSize > validationSize) {
            throw new IllegalArgumentException("probe_size must be in 1..validation_size (" + validationSize + "), got " + probeSize);
        }
        if (arch == null || arch.isEmpty() || hidden == null || hidden.isEmpty()) {
            throw new IllegalArgumentException("spec needs at least one arch and one hidden size");
        }
        arch.forEach(Arch::parse);
        if (seedsPerConfig < 1 || seedsPerConfig > variants) {
            throw new IllegalArgumentException("seeds_per_config must be in 1..variants (" + variants + "), got " + seedsPerConfig);
        }
        range("init_half_width", initHalfWidth);
        range("learning_rate", learningRate);
        new TrainingSettings(epochs, batchSize, gradClip);
    }

    private static void range(String name, List<Double> r) {
        if (r == null || r.size() != 2 || !(r.get(0) > 0) || r.get(1) < r.get(0)) {
            throw new IllegalArgumentException(name + " must be [min, max] with 0 < min <= max, got " + r);
        }
    }

    /**
     * The built-in profiles. {@code demo}: SMNIST LSTM-64 on 3,000 training images for 6 epochs, p in [0.3, 2.5] and
     * lr in [2e-3, 2e-2] (log-uniform) so both low- and high-error variants appear within minutes on 2 cores; there the
     * init scale alone decides the outcome. {@code hard}: the paper's regime at this machine's budget, a study the
     * hyperparameters cannot decide: LSTM-64, one learning rate, a narrow p range inside the band where outcomes go
     * either way, 4 seeds per configuration, 160 runs, 10 epochs, threshold the median final loss (docs/studies/hard
     * says how the ranges were chosen). {@code paper}: the AeLLE paper's SMNIST study (LSTM-64, p in [2.0, 2.5]),
     * full training set, 200 variants, 20 epochs.
     */
    public static SweepSpec profile(String name) {
        return switch (name) {
            case "demo" -> new SweepSpec("smnist", 24, 6, 32, 3000, 1000, 15, List.of("lstm"), List.of(64),
                    List.of(0.3, 2.5), List.of(2e-3, 2e-2), 0, null, 1, 1, false);
            case "hard" -> new SweepSpec("smnist", 160, 10, 32, HARD_TRAIN_SUBSET, 1000, 15, List.of("lstm"), List.of(64),
                    HARD_INIT_HALF_WIDTH, List.of(HARD_LEARNING_RATE, HARD_LEARNING_RATE), 0, null, 1, 4, true);
            case "paper" -> new SweepSpec("smnist", 200, 20, 64, 60_000, 10_000, 15, List.of("lstm"), List.of(64),
                    List.of(2.0, 2.5), List.of(1e-3, 1e-3), 0, null, 1, 1, false);
            default -> throw new IllegalArgumentException("unknown profile '" + name + "'; choose demo, hard or paper");
        };
    }

    /** Reads a JSON or YAML spec; missing fields come from {@code base}. */
    public static SweepSpec read(Path file, SweepSpec base) throws IOException {
        if (Files.size(file) > 1 << 20) {
            throw new IOException("spec file " + file + " is larger than 1 MiB");
        }
        Object tree;
        try {
            tree = new Yaml(new LoaderOptions()).load(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException("spec file " + file + " is not valid JSON or YAML: " + e.getMessage());
        }
        if (!(tree instanceof java.util.Map<?, ?> fields)) {
            throw new IOException("spec file " + file + " must hold a mapping of settings");
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> merged = JSON.convertValue(base, java.util.Map.class);
        fields.forEach((k, v) -> merged.put(String.valueOf(k), v));
        try {
            return JSON.convertValue(merged, SweepSpec.class);
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IOException("spec file " + file + ": " + root.getMessage());
        }
    }

    public TrainingSettings trainingSettings() {
        return new TrainingSettings(epochs, batchSize, gradClip);
    }

    /**
     * The study's variants, sampled from the ranges with {@code seed}: one configuration per {@code seedsPerConfig}
     * consecutive runs, each run with its own init seed. With one seed per configuration the draws are those of
     * earlier versions (same study, same variants).
     */
    public List<Variant> sampleVariants() {
        Random rnd = new Random(seed);
        List<Variant> out = new ArrayList<>(variants);
        while (out.size() < variants) {
            Arch a = Arch.parse(arch.get(rnd.nextInt(arch.size())));
            int h = hidden.get(rnd.nextInt(hidden.size()));
            double p = initHalfWidth.get(0) + rnd.nextDouble() * (initHalfWidth.get(1) - initHalfWidth.get(0));
            double u = rnd.nextDouble();
            double lr = learningRate.get(0).equals(learningRate.get(1)) ? learningRate.get(0)
                    : Math.exp(Math.log(learningRate.get(0)) + u * Math.log(learningRate.get(1) / learningRate.get(0)));
            for (int k = 0; k < seedsPerConfig && out.size() < variants; k++) {
                out.add(new Variant(a, h, p, lr, rnd.nextLong()));
            }
        }
        return out;
    }

    public SweepSpec withTask(String t) {
        return new SweepSpec(t, variants, epochs, batchSize, trainSubset, validationSize, probeSize, arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, seed, seedsPerConfig, medianThreshold);
    }

    public SweepSpec withVariants(int v) {
        return new SweepSpec(task, v, epochs, batchSize, trainSubset, validationSize, probeSize, arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, seed, Math.min(seedsPerConfig, v), medianThreshold);
    }

    public SweepSpec withEpochs(int e) {
        return new SweepSpec(task, variants, e, batchSize, trainSubset, validationSize, probeSize, arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, seed, seedsPerConfig, medianThreshold);
    }

    public SweepSpec withTrainSubset(int n) {
        return new SweepSpec(task, variants, epochs, batchSize, n, validationSize, probeSize, arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, seed, seedsPerConfig, medianThreshold);
    }

    public SweepSpec withValidationSize(int n) {
        return new SweepSpec(task, variants, epochs, batchSize, trainSubset, n, Math.min(probeSize, n), arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, seed, seedsPerConfig, medianThreshold);
    }

    public SweepSpec withProbeSize(int b) {
        return new SweepSpec(task, variants, epochs, batchSize, trainSubset, validationSize, b, arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, seed, seedsPerConfig, medianThreshold);
    }

    public SweepSpec withLossThreshold(Double t) {
        return new SweepSpec(task, variants, epochs, batchSize, trainSubset, validationSize, probeSize, arch, hidden, initHalfWidth,
                learningRate, gradClip, t, seed, seedsPerConfig, medianThreshold);
    }

    public SweepSpec withSeed(long s) {
        return new SweepSpec(task, variants, epochs, batchSize, trainSubset, validationSize, probeSize, arch, hidden, initHalfWidth,
                learningRate, gradClip, lossThreshold, s, seedsPerConfig, medianThreshold);
    }
}
