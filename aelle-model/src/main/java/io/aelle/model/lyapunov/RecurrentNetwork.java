package io.aelle.model.lyapunov;

/**
 * A recurrent stack (tanh RNN, GRU or LSTM; one or more layers) built from PyTorch-named tensors.
 * PLACEHOLDER API: the spectrum-engine work (issue 3) implements the factory methods
 * {@code fromCheckpoint(Checkpoint)} and {@code fromTensors(Map<String, Tensor>, String arch, String layerPrefix)},
 * the forward pass and the closed-form Jacobians.
 */
public final class RecurrentNetwork {
}
