package io.aelle.producer.sweep;

import io.aelle.producer.train.RunTrainer;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep's progress line: runs done out of total, then the current epoch and validation loss of each run in
 * flight. Printed when something changes, at most every {@code minIntervalMs}, and always when a run finishes.
 */
final class SweepProgress implements RunTrainer.Progress {

    private final PrintStream out;
    private final int totalRuns;
    private final long minIntervalMs;
    private final long startNanos = System.nanoTime();
    private final Map<String, String> inFlight = new TreeMap<>();
    private int done;
    private long lastPrint;

    SweepProgress(PrintStream out, int totalRuns, long minIntervalMs) {
        this.out = out;
        this.totalRuns = totalRuns;
        this.minIntervalMs = minIntervalMs;
    }

    @Override
    public synchronized void epochEnded(String runId, int epoch, int totalEpochs, double valLoss) {
        inFlight.put(runId, String.format(Locale.ROOT, "%s e%d/%d loss %.3f", shortId(runId), epoch, totalEpochs, valLoss));
        print(false);
    }

    synchronized void runFinished(String runId) {
        inFlight.remove(runId);
        done++;
        print(true);
    }

    private void print(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lastPrint < minIntervalMs) {
            return;
        }
        lastPrint = now;
        int width = 30;
        int filled = totalRuns == 0 ? width : done * width / totalRuns;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%s%s] %d/%d runs %4.0fs",
                "#".repeat(filled), ".".repeat(width - filled), done, totalRuns, (System.nanoTime() - startNanos) / 1e9));
        inFlight.values().forEach(s -> line.append(" | ").append(s));
        out.println(line);
    }

    private static String shortId(String runId) {
        int dash = runId.lastIndexOf('-');
        return dash >= 0 ? runId.substring(dash + 1) : runId;
    }
}
