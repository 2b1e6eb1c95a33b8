package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpectrumSettingsTest {

    @Test
    void defaultsAreTheReferenceConventionWithWarmup500AndEverything() {
        assertEquals(new SpectrumSettings(Convention.REFERENCE, 500, 0, 0, 0), SpectrumSettings.defaults());
    }

    @Test
    void withersChangeOneFieldEach() {
        SpectrumSettings d = SpectrumSettings.defaults();
        assertEquals(new SpectrumSettings(Convention.BENETTIN, 500, 0, 0, 0), d.withConvention(Convention.BENETTIN));
        assertEquals(new SpectrumSettings(Convention.REFERENCE, 7, 0, 0, 0), d.withWarmup(7));
        assertEquals(new SpectrumSettings(Convention.REFERENCE, 500, 9, 0, 0), d.withDiscard(9));
        assertEquals(new SpectrumSettings(Convention.REFERENCE, 500, 0, 4, 0), d.withExponents(4));
        assertEquals(new SpectrumSettings(Convention.REFERENCE, 500, 0, 0, 3), d.withOrthonormalizeEvery(3));
        assertEquals(new SpectrumSettings(Convention.BENETTIN, 1, 2, 3, 4),
                d.withConvention(Convention.BENETTIN).withWarmup(1).withDiscard(2).withExponents(3).withOrthonormalizeEvery(4));
    }

    @Test
    void negativeCountsAndNoConventionAreRefused() {
        SpectrumSettings d = SpectrumSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withWarmup(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withDiscard(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withExponents(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withOrthonormalizeEvery(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withConvention(null));
    }
}
