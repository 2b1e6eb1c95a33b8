package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectrumResultTest {

    @Test
    void theMeanAveragesEachExponentOverSequences() {
        double[][] per = {{0.1, -1.0, -3.0}, {0.3, -2.0, -3.0}, {0.2, -3.0, -3.0}};
        SpectrumResult r = SpectrumResult.ofPerSequence(per);
        assertArrayEquals(new double[] {0.2, -2.0, -3.0}, r.mean(), 1e-15);
        assertSame(per, r.perSequence());
    }

    @Test
    void oneSequenceIsItsOwnMean() {
        assertArrayEquals(new double[] {-0.5, -1.5}, SpectrumResult.ofPerSequence(new double[][] {{-0.5, -1.5}}).mean(), 0.0);
    }

    @Test
    void noSequencesOrRaggedSpectraAreClearErrors() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> SpectrumResult.ofPerSequence(new double[0][]));
        assertTrue(none.getMessage().contains("no sequences"), none.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> SpectrumResult.ofPerSequence(new double[][] {{-1, -2}, {-1, -2, -3}}));
        assertTrue(ragged.getMessage().contains("different lengths"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpectrumResult.ofPerSequence(new double[][] {{-1, -2, -3}, {-1}}));
    }
}
