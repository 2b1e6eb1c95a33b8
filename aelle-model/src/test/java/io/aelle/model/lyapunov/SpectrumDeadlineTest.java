package io.aelle.model.lyapunov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.model.lyapunov.djl.DjlRuntime;
import io.aelle.model.lyapunov.djl.DjlSpectrumEngine;
import io.aelle.wire.checkpoint.Tensor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SpectrumDeadlineTest {

    private static final RecurrentNetwork NET = RandomNetworks.network(Arch.LSTM, 1, 10, 3, true, 0.5, 11);
    private static final Tensor INPUTS = RandomNetworks.inputs(2, 30, 3, 12);
    private static final SpectrumSettings SETTINGS = SpectrumSettings.defaults().withWarmup(10);

    /** A clock that moves 1 ms each time it is read, and counts the reads. */
    private static final class SteppingClock implements LongSupplier {
        final AtomicLong reads = new AtomicLong();

        @Override
        public long getAsLong() {
            return reads.getAndIncrement() * 1_000_000L;
        }
    }

    @Test
    void aDeadlineInThePastFailsTheFirstCheckOnly() {
        SteppingClock clock = new SteppingClock();
        SpectrumDeadline d = SpectrumDeadline.after(Duration.ofMillis(2), clock); // read 0: start
        d.check(); // 1 ms
        d.check(); // 2 ms: not past yet
        SpectrumBudgetException e = assertThrows(SpectrumBudgetException.class, d::check);
        assertEquals(SpectrumBudgetException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("0.002 s"), e.getMessage());
        SpectrumDeadline.NONE.check();
    }

    @Test
    void bothEnginesStopAtTheFirstCheckPastTheDeadlineAndThenComputeNormally() {
        try (CpuSpectrumEngine cpu = new CpuSpectrumEngine(); DjlSpectrumEngine djl = new DjlSpectrumEngine(DjlRuntime.device("cpu"))) {
            for (SpectrumEngine engine : new SpectrumEngine[] {cpu, djl}) {
                SpectrumResult free = engine.compute(NET, INPUTS, SETTINGS);
                SteppingClock clock = new SteppingClock();
                // 80 steps with a QR at least every 8: at least 10 checks, so a 5 ms budget on this clock runs out.
                SpectrumBudgetException e = assertThrows(SpectrumBudgetException.class,
                        () -> engine.compute(NET, INPUTS, SETTINGS, SpectrumDeadline.after(Duration.ofMillis(5), clock)));
                assertEquals(SpectrumBudgetException.Kind.TIMEOUT, e.kind(), engine.getClass().getSimpleName());
                assertEquals(7, clock.reads.get(), "start, then one read per block until the sixth, past 5 ms");
                SpectrumResult generous = engine.compute(NET, INPUTS, SETTINGS, SpectrumDeadline.after(Duration.ofHours(1)));
                assertArrayEquals(free.mean(), generous.mean(), 0.0, "a deadline that is not reached changes nothing");
            }
        }
    }
}
