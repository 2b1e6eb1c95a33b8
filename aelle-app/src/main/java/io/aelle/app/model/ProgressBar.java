package io.aelle.app.model;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A text progress bar on stderr. On a terminal it is one line redrawn in place at most a few times a second; when
 * the output is not a terminal (a log file, CI) it prints a plain line only at each tenth of the work or once a
 * minute, so logs stay short. The last line ({@code done >= total}) is printed once.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_LINE_NANOS = 60_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private boolean drawn;
    private int lastTenth = -1;
    private int lastLength;
    private boolean finished;

    public ProgressBar(String label, long total) {
        this(System.err, label, total, isTerminal(), System::nanoTime);
    }

    ProgressBar(PrintStream out, String label, long total, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 0);
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Redraws with {@code done} of total finished and a short status text. */
    public synchronized void update(long done, String status) {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        boolean last = done >= total;
        double share = total == 0 ? 1 : Math.min(Math.max(done, 0), total) / (double) total;
        int tenth = (int) Math.floor(10 * share);
        boolean due = terminal ? now - lastDraw >= REDRAW_NANOS : tenth > lastTenth || now - lastDraw >= LOG_LINE_NANOS;
        if (drawn && !last && !due) {
            return;
        }
        drawn = true;
        lastDraw = now;
        lastTenth = tenth;
        finished = last;
        int filled = (int) (WIDTH * share);
        String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d %.0fs %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, (now - start) / 1e9, status == null ? "" : status);
        if (terminal) {
            // pad over the rest of a longer previous line
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Whether stderr is likely a terminal. JDK 17 gives a console only when stdin and stdout are terminals; later
     * JDKs may give one anyway and say so through {@code Console.isTerminal()}.
     */
    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
