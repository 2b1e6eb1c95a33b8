package io.aelle.model.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar on stderr, redrawn at most a few times a second. */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;

    public ProgressBar(String label, long total) {
        this(System.err, label, total);
    }

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    /** Redraws with {@code done} of total finished and a short status text. */
    public synchronized void update(long done, String status) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double secs = (now - start) / 1e9;
        out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d %.0fs %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, secs, status == null ? "" : status);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
