package io.aelle.producer.kafka;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/** Test helper: small RNN checkpoints with random weights, or big ones for size tests. */
public final class TestCheckpoints {

    private TestCheckpoints() {}

    /** A tanh RNN checkpoint of {@code hidden} units with {@code extraFloats} more values in a read-out tensor. */
    public static Checkpoint rnn(String runId, String studyId, int epoch, int totalEpochs, int hidden, int extraFloats, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("rnn_layer.weight_ih_l0", random("rnn_layer.weight_ih_l0", new int[] {hidden, 3}, r));
        t.put("rnn_layer.weight_hh_l0", random("rnn_layer.weight_hh_l0", new int[] {hidden, hidden}, r));
        if (extraFloats > 0) {
            t.put("fc.weight", random("fc.weight", new int[] {extraFloats}, r));
        }
        CheckpointMetadata meta = new CheckpointMetadata(runId, studyId, epoch, totalEpochs, OptionalDouble.of(1.0 / (epoch + 1)),
                OptionalDouble.empty(), "rnn", "rnn_layer.", null, null);
        return new Checkpoint(meta, t);
    }

    private static Tensor random(String name, int[] shape, Random r) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(name, shape, v);
    }
}
