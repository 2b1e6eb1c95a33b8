package io.aelle.app.demo;

import java.io.PrintStream;
import java.util.Locale;

/** Draws the demo's live table (run, epoch, loss, verdict, pc1, predicted final loss) and a progress bar. */
final class LiveTable {

    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;

    LiveTable(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void draw(DemoState state, long expectedCheckpoints, int runs, double elapsedSeconds) {
        StringBuilder s = new StringBuilder();
        if (terminal) {
            s.append("\033[H\033[2J"); // redraw in place
        }
        s.append(String.format(Locale.ROOT, "%-26s %9s %9s %-18s %9s %11s %10s%n", "run", "epoch", "val loss", "verdict", "pc1",
                "pred. final", "final loss"));
        for (DemoState.RunRow r : state.rows()) {
            s.append(String.format(Locale.ROOT, "%-26s %9s %9s %-18s %9s %11s %10s%n", r.runId,
                    r.epoch < 0 ? "-" : r.epoch + "/" + r.totalEpochs, num(r.valLoss),
                    r.verdict == null ? "-" : r.verdict.verdict(), r.verdict == null ? "-" : num(r.verdict.pc1()),
                    r.verdict == null ? "-" : num(r.verdict.predictedFinalLoss()),
                    r.outcome == null ? "running" : num(r.outcome.finalValLoss())));
        }
        int verdicts = state.checkpointsWithVerdict(); // a verdict reissued when a bundle arrived is not a second checkpoint
        long total = Math.max(expectedCheckpoints, 1);
        int filled = (int) (BAR * Math.min(verdicts, total) / total);
        s.append(String.format(Locale.ROOT, "[%s%s] %d/%d checkpoints scored, %d/%d runs finished, %.0f s%n",
                "#".repeat(filled), ".".repeat(BAR - filled), verdicts, expectedCheckpoints, state.outcomes(), runs, elapsedSeconds));
        out.print(s);
        out.flush();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}
