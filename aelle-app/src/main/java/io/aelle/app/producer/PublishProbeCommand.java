package io.aelle.app.producer;

import io.aelle.producer.kafka.ProbePublisher;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code publish-probe}: sends a study's probe (inputs (B, T, I) and spectrum settings) to the compacted probes topic. */
@Command(name = "publish-probe", mixinStandardHelpOptions = true,
        description = {"Publishes a study's probe inputs and settings to Kafka.",
            "A probe (key aelle.study_id) holds the task inputs (B, T, I) that drive the spectrum computation, with the "
                    + "study's loss threshold and spectrum settings. Take the inputs from a safetensors file (its metadata "
                    + "is used unless an option overrides it) or generate standard-normal ones with --random."},
        footer = {"", "Examples:",
            "  aelle-monitor publish-probe --file probe.safetensors",
            "  aelle-monitor publish-probe --file inputs.safetensors --study-id sine-1 --loss-threshold 0.05",
            "  aelle-monitor publish-probe --random 8,100,1 --study-id sine-1 --task sine --loss-threshold 0.05"})
public final class PublishProbeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    static final class Source {
        @Option(names = "--file", paramLabel = "FILE", required = true,
                description = "A safetensors file holding the inputs tensor (and, for a probe file, its metadata).")
        Path file;

        @Option(names = "--random", paramLabel = "B,T,I", required = true,
                description = "Standard-normal inputs of this shape instead of a file.")
        String randomShape;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--tensor", defaultValue = Probe.INPUTS, description = "Name of the inputs tensor in --file (default: ${DEFAULT-VALUE}).")
    String tensorName;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of --random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--study-id", description = "Overrides " + Probe.STUDY_ID + ".")
    String studyId;

    @Option(names = "--task", description = "Overrides " + Probe.TASK + ".")
    String task;

    @Option(names = "--loss-threshold", description = "Overrides " + Probe.LOSS_THRESHOLD + ": a final loss below it counts as low error.")
    String lossThreshold;

    @Option(names = "--convention", description = "Overrides " + Probe.CONVENTION + ": reference or benettin.")
    String convention;

    @Option(names = "--warmup", description = "Overrides " + Probe.WARMUP + ".")
    String warmup;

    @Override
    public Integer call() throws Exception {
        Probe probe = build();
        kafka.requireReachable();
        try (ProbePublisher publisher = new ProbePublisher(kafka.producerSettings(), kafka.topics())) {
            RecordMetadata at = publisher.publish(probe);
            System.out.printf("probe of study %s, inputs %s -> %s-%d@%d%n", probe.studyId(), probe.inputs().shapeString(),
                    at.topic(), at.partition(), at.offset());
        }
        return 0;
    }

    Probe build() throws java.io.IOException {
        Map<String, String> meta = new HashMap<>();
        Tensor inputs;
        if (source.file != null) {
            SafetensorsFile f = SafetensorsFile.read(source.file);
            meta.putAll(f.metadata());
            inputs = f.tensor(tensorName);
            if (inputs == null) {
                throw new IllegalArgumentException(source.file + " has no tensor '" + tensorName + "' (it has " + f.tensors().keySet() + ")");
            }
        } else {
            inputs = random(source.randomShape, seed);
        }
        put(meta, Probe.STUDY_ID, studyId);
        put(meta, Probe.TASK, task);
        put(meta, Probe.LOSS_THRESHOLD, lossThreshold);
        put(meta, Probe.CONVENTION, convention);
        put(meta, Probe.WARMUP, warmup);
        return Probe.of(new SafetensorsFile(Map.of(Probe.INPUTS, inputs), meta));
    }

    private static void put(Map<String, String> meta, String key, String value) {
        if (value != null) {
            meta.put(key, value);
        }
    }

    private static Tensor random(String text, long seed) {
        int[] shape;
        try {
            shape = java.util.Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            shape = new int[0];
        }
        if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("--random needs three positive sizes B,T,I, got '" + text + "'");
        }
        long n = (long) shape[0] * shape[1] * shape[2];
        if (n > 50_000_000) {
            throw new IllegalArgumentException("--random " + shape[0] + "," + shape[1] + "," + shape[2] + " is " + n + " values; at most 50 million");
        }
        Random r = new Random(seed);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(Probe.INPUTS, shape.clone(), v);
    }
}
