package io.aelle.producer.listener;

import ai.djl.training.Trainer;
import io.aelle.wire.checkpoint.Tensor;
import java.util.Map;

/** Turns a trainer's model into tensors with PyTorch's names and layouts (e.g. {@code rnn_layer.weight_hh_l0}). */
@FunctionalInterface
public interface CheckpointExporter {

    Map<String, Tensor> export(Trainer trainer);
}
