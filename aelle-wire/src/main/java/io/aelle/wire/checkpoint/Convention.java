package io.aelle.wire.checkpoint;

import java.util.Locale;

/** How tangent vectors advance and exponents are averaged (see docs/EQUATIONS.md). */
public enum Convention {
    /** The AeLLE code's: Z = J_t^T Q, log base 2, warm-up replay of the same sequence, all T steps measured. */
    REFERENCE,
    /** The paper's equations: Z = J_t Q, natural log, one pass, the first D steps discarded. */
    BENETTIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Convention parse(String text) {
        for (Convention c : values()) {
            if (c.id().equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown spectrum convention '" + text + "'; expected reference or benettin");
    }
}
