package io.aelle.model.lyapunov;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The latest time a spectrum computation may go on. Engines call {@link #check} between QR blocks (after each
 * orthonormalisation), so a computation stops at most one block after the deadline and the thread that runs it is
 * free again; the work already done is dropped.
 */
public final class SpectrumDeadline {

    /** No deadline. */
    public static final SpectrumDeadline NONE = new SpectrumDeadline(Long.MAX_VALUE, Long.MAX_VALUE, System::nanoTime);

    private final long limitNanos;
    private final long deadlineNanos;
    private final LongSupplier clock;

    private SpectrumDeadline(long limitNanos, long deadlineNanos, LongSupplier clock) {
        this.limitNanos = limitNanos;
        this.deadlineNanos = deadlineNanos;
        this.clock = clock;
    }

    /** A deadline {@code limit} from now. */
    public static SpectrumDeadline after(Duration limit) {
        return after(limit, System::nanoTime);
    }

    /** A deadline {@code limit} from now on {@code nanoClock} (tests drive their own clock). */
    public static SpectrumDeadline after(Duration limit, LongSupplier nanoClock) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("a spectrum time limit must be >= 0, got " + limit);
        }
        long nanos = limit.toNanos();
        return new SpectrumDeadline(nanos, nanoClock.getAsLong() + nanos, nanoClock);
    }

    /** @throws SpectrumBudgetException ({@link SpectrumBudgetException.Kind#TIMEOUT}) once the deadline has passed */
    public void check() {
        if (deadlineNanos != Long.MAX_VALUE && clock.getAsLong() - deadlineNanos > 0) {
            throw new SpectrumBudgetException(SpectrumBudgetException.Kind.TIMEOUT, String.format(Locale.ROOT,
                    "the spectrum ran past its time limit of %.3f s and was stopped", limitNanos / 1e9));
        }
    }
}
