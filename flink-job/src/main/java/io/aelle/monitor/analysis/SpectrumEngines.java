package io.aelle.monitor.analysis;

import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.SpectrumEngine;
import java.util.Locale;

/**
 * The spectrum backend chosen by configuration ({@code --engine}).
 * <p>Hook for GPU backends: the DJL engine (issue 8) adds its name here, e.g. {@code case "djl" -> new
 * DjlSpectrumEngine(...)}, and should only be chosen where the task manager has a {@code gpu} external resource;
 * the operator code does not change, it only sees {@link SpectrumEngine}.
 */
public final class SpectrumEngines {

    public static final String CPU = "cpu";

    private SpectrumEngines() {}

    public static SpectrumEngine open(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case CPU -> new CpuSpectrumEngine();
            default -> throw new IllegalArgumentException("unknown spectrum engine '" + name + "'; available: " + CPU);
        };
    }
}
