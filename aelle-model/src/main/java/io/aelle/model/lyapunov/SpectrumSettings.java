package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Probe;

/**
 * Settings of one spectrum computation.
 *
 * @param warmup              steps replayed before measuring ({@link Convention#REFERENCE})
 * @param discard             leading steps whose R is dropped ({@link Convention#BENETTIN})
 * @param exponents           how many leading exponents to track; 0 means all
 * @param orthonormalizeEvery QR every m steps (guarded); 0 means the engine's measured default
 */
public record SpectrumSettings(Convention convention, int warmup, int discard, int exponents, int orthonormalizeEvery) {

    public static final int DEFAULT_WARMUP = Probe.DEFAULT_WARMUP;

    public SpectrumSettings {
        if (convention == null) {
            throw new IllegalArgumentException("convention is required");
        }
        if (warmup < 0 || discard < 0 || exponents < 0 || orthonormalizeEvery < 0) {
            throw new IllegalArgumentException("warmup, discard, exponents and orthonormalizeEvery must be >= 0");
        }
    }

    /**
     * The settings a study's spectra are computed with, offline (the dataset builder) and live (the job) alike: the
     * defaults with the probe's convention and warm-up.
     */
    public static SpectrumSettings forProbe(Probe probe) {
        return defaults().withConvention(Convention.parse(probe.convention())).withWarmup(probe.warmup());
    }

    /** The command's defaults: reference convention, warm-up 500, discard 0, all exponents. */
    public static SpectrumSettings defaults() {
        return new SpectrumSettings(Convention.REFERENCE, DEFAULT_WARMUP, 0, 0, 0);
    }

    public SpectrumSettings withConvention(Convention c) {
        return new SpectrumSettings(c, warmup, discard, exponents, orthonormalizeEvery);
    }

    public SpectrumSettings withWarmup(int w) {
        return new SpectrumSettings(convention, w, discard, exponents, orthonormalizeEvery);
    }

    public SpectrumSettings withDiscard(int d) {
        return new SpectrumSettings(convention, warmup, d, exponents, orthonormalizeEvery);
    }

    public SpectrumSettings withExponents(int k) {
        return new SpectrumSettings(convention, warmup, discard, k, orthonormalizeEvery);
    }

    public SpectrumSettings withOrthonormalizeEvery(int m) {
        return new SpectrumSettings(convention, warmup, discard, exponents, m);
    }
}
