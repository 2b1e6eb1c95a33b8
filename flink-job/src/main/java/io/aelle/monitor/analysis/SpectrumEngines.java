package io.aelle.monitor.analysis;

import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.model.lyapunov.djl.DjlRuntime;
import io.aelle.model.lyapunov.djl.DjlSpectrumEngine;
import java.util.List;
import java.util.Locale;

/**
 * The spectrum backend chosen by configuration ({@code --engine}): {@code cpu} (the exact float64 engine) or
 * {@code djl} (batched on DJL's PyTorch engine, float32 Jacobians with a float64 tangent basis, {@code TangentPrecision.MIXED}; on the GPU that Flink's {@code gpu} external resource
 * assigns to this task manager, else on the CPU). The operator code only sees {@link SpectrumEngine}.
 */
public final class SpectrumEngines {

    public static final String CPU = "cpu";
    public static final String DJL = "djl";

    private SpectrumEngines() {}

    public static SpectrumEngine open(String name) {
        return open(name, List.of(), 0);
    }

    /**
     * @param gpuIndexes   the {@code index} properties of the task manager's {@code gpu} external resources
     * @param subtaskIndex spreads subtasks over those GPUs
     */
    public static SpectrumEngine open(String name, List<String> gpuIndexes, int subtaskIndex) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case CPU -> new CpuSpectrumEngine();
            case DJL -> new DjlSpectrumEngine(DjlRuntime.deviceForGpuIndexes(gpuIndexes, subtaskIndex));
            default -> throw new IllegalArgumentException("unknown spectrum engine '" + name + "'; available: " + CPU + ", " + DJL);
        };
    }
}
