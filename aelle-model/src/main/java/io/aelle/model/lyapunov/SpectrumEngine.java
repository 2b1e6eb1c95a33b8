package io.aelle.model.lyapunov;

import io.aelle.model.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Computes Lyapunov spectra of recurrent networks driven by inputs of shape (B, T, I). One class per backend. */
public interface SpectrumEngine extends AutoCloseable {

    SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings);

    /** Many checkpoints driven by the same inputs; a batched backend overrides this. */
    default List<SpectrumResult> computeAll(List<RecurrentNetwork> networks, Tensor inputs, SpectrumSettings settings) {
        List<SpectrumResult> out = new ArrayList<>(networks.size());
        for (RecurrentNetwork n : networks) {
            out.add(compute(n, inputs, settings));
        }
        return out;
    }

    @Override
    default void close() {}
}
