package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.wire.checkpoint.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CpuSpectrumEngineTest {

    private static Tensor slice(Tensor inputs, int... sequences) {
        int t = inputs.dim(1);
        int in = inputs.dim(2);
        double[] d = new double[sequences.length * t * in];
        for (int i = 0; i < sequences.length; i++) {
            System.arraycopy(inputs.data(), sequences[i] * t * in, d, i * t * in, t * in);
        }
        return new Tensor("inputs", new int[] {sequences.length, t, in}, d);
    }

    @Test
    void perSequenceSpectraAreBitIdenticalWhateverTheBatchAndThreadCount() {
        RecurrentNetwork net = RandomNetworks.network(Arch.LSTM, 1, 24, 5, true, 0.6, 3);
        Tensor inputs = RandomNetworks.inputs(5, 40, 5, 9);
        for (Convention c : Convention.values()) {
            SpectrumSettings settings = SpectrumSettings.defaults().withConvention(c).withWarmup(30).withDiscard(4);
            SpectrumResult all;
            SpectrumResult threaded;
            SpectrumResult subset;
            SpectrumResult alone;
            try (CpuSpectrumEngine one = new CpuSpectrumEngine(1); CpuSpectrumEngine three = new CpuSpectrumEngine(3)) {
                all = one.compute(net, inputs, settings);
                threaded = three.compute(net, inputs, settings);
                subset = three.compute(net, slice(inputs, 4, 2, 0), settings);
                alone = one.compute(net, slice(inputs, 2), settings);
            }
            for (int b = 0; b < 5; b++) {
                assertArrayEquals(all.perSequence()[b], threaded.perSequence()[b], 0.0, c + " thread count, sequence " + b);
            }
            assertArrayEquals(all.mean(), threaded.mean(), 0.0);
            assertArrayEquals(all.perSequence()[4], subset.perSequence()[0], 0.0, c + " batch composition");
            assertArrayEquals(all.perSequence()[2], subset.perSequence()[1], 0.0, c + " batch composition");
            assertArrayEquals(all.perSequence()[0], subset.perSequence()[2], 0.0, c + " batch composition");
            assertArrayEquals(all.perSequence()[2], alone.perSequence()[0], 0.0, c + " batch of one");
            assertTrue(Arrays.stream(all.perSequence()[0]).distinct().count() > 20, "a real spectrum, not constants");
        }
    }

    @Test
    void strongSaturationGivesFiniteExponents() {
        // Huge weights and inputs: every gate saturates, the Jacobian is ~0 and R underflows; the floor keeps it finite.
        RecurrentNetwork net = RandomNetworks.network(Arch.LSTM, 1, 12, 3, true, 60.0, 4);
        Tensor inputs = RandomNetworks.inputs(2, 30, 3, 5);
        for (RecurrentNetwork n : new RecurrentNetwork[] {net, RandomNetworks.network(Arch.RNN, 2, 10, 3, false, 80.0, 6),
                RandomNetworks.network(Arch.GRU, 1, 10, 3, true, 80.0, 7)}) {
            for (Convention c : Convention.values()) {
                for (int every : new int[] {1, 0, 16}) {
                    SpectrumResult r;
                    try (CpuSpectrumEngine e = new CpuSpectrumEngine()) {
                        r = e.compute(n, inputs, SpectrumSettings.defaults().withConvention(c).withOrthonormalizeEvery(every));
                    }
                    for (double[] s : r.perSequence()) {
                        for (double v : s) {
                            assertTrue(Double.isFinite(v), n + " " + c + ": " + Arrays.toString(s));
                        }
                    }
                    double floor = c == Convention.REFERENCE ? Math.log(Double.MIN_NORMAL) / Math.log(2) : Math.log(Double.MIN_NORMAL);
                    assertTrue(Arrays.stream(r.mean()).min().getAsDouble() >= floor - 1e-9, "never below the floor");
                }
            }
        }
    }

    @Test
    void leadingKExponentsEqualTheFirstKOfTheFullSpectrum() {
        RecurrentNetwork net = RandomNetworks.network(Arch.GRU, 2, 9, 4, true, 0.8, 8);
        Tensor inputs = RandomNetworks.inputs(2, 25, 4, 2);
        for (Convention c : Convention.values()) {
            SpectrumSettings s = SpectrumSettings.defaults().withConvention(c).withWarmup(10).withDiscard(3);
            try (CpuSpectrumEngine e = new CpuSpectrumEngine()) {
                SpectrumResult full = e.compute(net, inputs, s);
                SpectrumResult lead = e.compute(net, inputs, s.withExponents(4));
                assertEquals(18, full.mean().length);
                assertEquals(4, lead.mean().length);
                // Gram-Schmidt order: the first k columns of a QR do not depend on the later ones.
                assertArrayEquals(Arrays.copyOf(full.mean(), 4), lead.mean(), 1e-12);
            }
        }
    }

    @Test
    void blockedOrthonormalisationAgreesWithEveryStep() {
        RecurrentNetwork net = RandomNetworks.network(Arch.LSTM, 1, 40, 6, true, 0.3, 12);
        Tensor inputs = RandomNetworks.inputs(2, 60, 6, 13);
        for (Convention c : Convention.values()) {
            SpectrumSettings s = SpectrumSettings.defaults().withConvention(c).withWarmup(60).withDiscard(5);
            try (CpuSpectrumEngine e = new CpuSpectrumEngine()) {
                double[] every = e.compute(net, inputs, s.withOrthonormalizeEvery(1)).mean();
                double[] blocked = e.compute(net, inputs, s.withOrthonormalizeEvery(16)).mean();
                assertArrayEquals(every, blocked, 1e-7); // a hundredth of the golden tolerance; ~1e-10 typical
                assertTrue(e.counters().factorisations() < e.counters().products(), "blocks must save QRs");
            }
        }
    }

    @Test
    void sumOfExponentsOfAnRnnIsTheMeanLogDeterminant() {
        // Invariant: Σ_j λ_j = (1/T) Σ_t log|det J_t| (volume growth), independent of the QR details.
        RecurrentNetwork net = RandomNetworks.network(Arch.RNN, 1, 6, 2, true, 0.9, 21);
        Tensor inputs = RandomNetworks.inputs(1, 30, 2, 22);
        SpectrumSettings s = SpectrumSettings.defaults().withConvention(Convention.BENETTIN);
        double[] spectrum;
        try (CpuSpectrumEngine e = new CpuSpectrumEngine()) {
            spectrum = e.compute(net, inputs, s).mean();
        }
        RecurrentNetwork.State st = net.newState();
        double[] j = new double[36];
        double logDet = 0;
        for (int t = 0; t < 30; t++) {
            st.advance(inputs.data(), t * 2);
            st.jacobian(j);
            logDet += Math.log(Math.abs(determinant(j, 6)));
        }
        assertEquals(logDet / 30, Arrays.stream(spectrum).sum(), 1e-10);
    }

    private static double determinant(double[] m, int n) {
        double[] a = m.clone();
        double det = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            if (p != c) {
                for (int k = 0; k < n; k++) {
                    double t = a[c * n + k];
                    a[c * n + k] = a[p * n + k];
                    a[p * n + k] = t;
                }
                det = -det;
            }
            det *= a[c * n + c];
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / a[c * n + c];
                for (int k = c; k < n; k++) {
                    a[r * n + k] -= f * a[c * n + k];
                }
            }
        }
        return det;
    }

    @Test
    void rejectsMismatchedOrNonFiniteInputs() {
        RecurrentNetwork net = RandomNetworks.network(Arch.GRU, 1, 4, 3, false, 0.5, 1);
        try (CpuSpectrumEngine e = new CpuSpectrumEngine()) {
            SpectrumSettings s = SpectrumSettings.defaults();
            assertMessage(() -> e.compute(net, RandomNetworks.inputs(2, 5, 4, 1), s), "expects 3");
            assertMessage(() -> e.compute(net, new Tensor("inputs", new int[] {2, 3}, new double[6]), s), "(B, T, I)");
            double[] bad = RandomNetworks.inputs(1, 2, 3, 1).data().clone();
            bad[4] = Double.POSITIVE_INFINITY;
            assertMessage(() -> e.compute(net, new Tensor("inputs", new int[] {1, 2, 3}, bad), s), "non-finite");
            assertMessage(() -> e.compute(net, RandomNetworks.inputs(1, 5, 3, 1), s.withExponents(5)), "only 4");
            assertMessage(() -> e.compute(net, RandomNetworks.inputs(1, 5, 3, 1),
                    s.withConvention(Convention.BENETTIN).withDiscard(5)), "discard 5");
            // 16385 one-unit layers: tiny tensors, but a state whose Jacobian is beyond the bound.
            RecurrentNetwork deep = RandomNetworks.network(Arch.RNN, 16385, 1, 1, false, 0.5, 1);
            assertMessage(() -> e.compute(deep, RandomNetworks.inputs(1, 2, 1, 1), s), "too large");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
