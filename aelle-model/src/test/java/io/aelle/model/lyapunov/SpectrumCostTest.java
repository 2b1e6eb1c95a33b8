package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.wire.checkpoint.Tensor;
import org.junit.jupiter.api.Test;

class SpectrumCostTest {

    private static final SpectrumSettings PROBE = SpectrumSettings.defaults(); // reference, warm-up 500, all exponents

    @Test
    void theEstimateIsTheWorkTheCpuEngineCountsWithAQrAtEveryStep() {
        RecurrentNetwork net = RandomNetworks.network(Arch.LSTM, 2, 7, 3, true, 0.5, 1);
        Tensor inputs = RandomNetworks.inputs(3, 11, 3, 2);
        for (SpectrumSettings s : new SpectrumSettings[] {
                PROBE.withWarmup(6).withOrthonormalizeEvery(1),
                PROBE.withWarmup(500).withExponents(5).withOrthonormalizeEvery(1),
                PROBE.withConvention(Convention.BENETTIN).withDiscard(4).withOrthonormalizeEvery(1)}) {
            try (CpuSpectrumEngine engine = new CpuSpectrumEngine()) {
                engine.compute(net, inputs, s);
                int k = CpuSpectrumEngine.exponents(net, s);
                assertEquals(3 * SpectrumCost.steps(11, s), engine.counters().factorisations(), s.toString());
                assertEquals(engine.counters().flops(net, k), SpectrumCost.estimate(net, 3, 11, s).flops(), 1e-6, s.toString());
            }
        }
    }

    @Test
    void blocksOfQrCostLessThanTheEstimate() {
        RecurrentNetwork net = RandomNetworks.network(Arch.GRU, 1, 16, 3, true, 0.3, 3);
        Tensor inputs = RandomNetworks.inputs(2, 40, 3, 4);
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine()) {
            engine.compute(net, inputs, PROBE);
            double estimate = SpectrumCost.estimate(net, 2, 40, PROBE).flops();
            double done = engine.counters().flops(net, net.stateSize());
            assertTrue(done < estimate && done > estimate / 3, done + " vs " + estimate);
        }
    }

    @Test
    void theCpuDefaultAdmitsCharRnnLstm512AndRefusesEveryStateOf1024WithAStudyProbe() {
        SpectrumBudget cpu = SpectrumBudget.defaultsFor(new CpuSpectrumEngine());
        // CharRNN: 82 one-hot inputs, probe B = 15, T = 100, warm-up 500.
        SpectrumCost charRnn = cpu.requireAffordable(RandomNetworks.network(Arch.LSTM, 1, 512, 82, true, 0.1, 5), 15, 100, PROBE);
        assertEquals(1892, charRnn.gflop(), 1);
        // The cheapest study probe is SMNIST's: B = 15, T = 28, I = 28.
        for (RecurrentNetwork big : new RecurrentNetwork[] {RandomNetworks.network(Arch.RNN, 1, 1024, 28, false, 0.1, 6),
                RandomNetworks.network(Arch.LSTM, 2, 512, 28, false, 0.1, 7)}) {
            SpectrumBudgetException e = assertThrows(SpectrumBudgetException.class, () -> cpu.requireAffordable(big, 15, 28, PROBE));
            assertEquals(SpectrumBudgetException.Kind.TOO_COSTLY, e.kind());
            assertTrue(e.getMessage().contains("GFLOP") && e.getMessage().contains("limit of 3000.0 GFLOP"), e.getMessage());
        }
        assertTrue(SpectrumCost.estimate(RandomNetworks.network(Arch.LSTM, 1, 1024, 28, false, 0.1, 8), 15, 28, PROBE).gflop() > 4000);
    }

    @Test
    void limitsMustBePositiveAndUnsetOptionsKeepTheDefaults() {
        assertThrows(IllegalArgumentException.class, () -> new SpectrumBudget(0, 60));
        assertThrows(IllegalArgumentException.class, () -> new SpectrumBudget(10, Double.NaN));
        SpectrumBudget b = new SpectrumBudget(3000, 60).with(null, 2.5);
        assertEquals(3000, b.maxGflop());
        assertEquals(2.5, b.maxSeconds());
    }
}
