package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Computes Lyapunov spectra of recurrent networks driven by inputs of shape (B, T, I). One class per backend. */
public interface SpectrumEngine extends AutoCloseable {

    /** Without a deadline. */
    default SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings) {
        return compute(network, inputs, settings, SpectrumDeadline.NONE);
    }

    /**
     * @param deadline checked between QR blocks
     * @throws SpectrumBudgetException ({@link SpectrumBudgetException.Kind#TIMEOUT}) when the deadline passes first
     */
    SpectrumResult compute(RecurrentNetwork network, Tensor inputs, SpectrumSettings settings, SpectrumDeadline deadline);

    /** Many checkpoints driven by the same inputs, without a deadline; a batched backend overrides this. */
    default List<SpectrumResult> computeAll(List<RecurrentNetwork> networks, Tensor inputs, SpectrumSettings settings) {
        List<SpectrumResult> out = new ArrayList<>(networks.size());
        for (RecurrentNetwork n : networks) {
            out.add(compute(n, inputs, settings));
        }
        return out;
    }

    /** Whether the engine computes on a GPU (it then gets {@link SpectrumBudget}'s GPU defaults). */
    default boolean onGpu() {
        return false;
    }

    @Override
    default void close() {}
}
