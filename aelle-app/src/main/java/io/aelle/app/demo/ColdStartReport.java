package io.aelle.app.demo;

import io.aelle.wire.RunTruth;
import io.aelle.model.embedding.BundleProvenance;
import io.aelle.model.confusion.Confusion;
import io.aelle.monitor.score.Scoring;
import io.aelle.wire.Verdict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cold-start section of the demo report: when the study's bundle arrived (and on how many runs it was trained),
 * how many checkpoints were UNKNOWN before, and the F1 of the verdicts given from that point on (each checkpoint's
 * latest verdict, a verdict reissued on arrival included), beside the loss baseline's on the same checkpoints.
 */
final class ColdStartReport {

    private ColdStartReport() {}

    /** The figures, for the report and the console. */
    record Figures(double arrivalSeconds, int runsUsed, double validationF1, String baseline, double baselineF1, long unknown,
                   Confusion after, Confusion lossBaselineAfter) {}

    /** Null when no bundle arrived. */
    static Figures figures(DemoState state, double threshold, long startedAt) {
        if (state.bundle() == null) {
            return null;
        }
        long at = state.bundleAt();
        Map<String, Verdict> latestAfter = new LinkedHashMap<>();
        long unknown = 0;
        for (Verdict v : state.verdicts()) {
            if (v.unknown()) {
                unknown++;
            } else if (Instant.parse(v.verdictAt()).toEpochMilli() >= at) {
                latestAfter.put(v.runId() + "@" + v.epoch(), v);
            }
        }
        Map<String, DemoState.RunRow> rows = new LinkedHashMap<>();
        state.rows().forEach(r -> rows.put(r.runId, r));
        long[] aelle = new long[4];
        long[] loss = new long[4];
        for (Verdict v : latestAfter.values()) {
            DemoState.RunRow r = rows.get(v.runId());
            if (r == null || r.outcome == null) {
                continue;
            }
            RunTruth truth = Scoring.truth(r.outcome.status(), r.outcome.finalValLoss(), threshold);
            if (!truth.scored()) {
                continue;
            }
            boolean actual = truth == RunTruth.LOW_ERROR;
            count(aelle, v.likelyLowError(), actual);
            count(loss, Verdict.LIKELY_LOW_ERROR.equals(v.lossBaselineVerdict()), actual);
        }
        BundleProvenance p = state.bundle().provenance().orElse(null);
        return new Figures((at - startedAt) / 1e3, p == null ? 0 : p.runs(), p == null ? Double.NaN : p.validationF1(),
                p == null ? null : p.baseline(), p == null ? Double.NaN : p.baselineF1(), unknown,
                new Confusion(aelle[0], aelle[1], aelle[2], aelle[3]), new Confusion(loss[0], loss[1], loss[2], loss[3]));
    }

    private static void count(long[] c, boolean predicted, boolean actual) {
        c[predicted ? (actual ? 0 : 1) : (actual ? 2 : 3)]++; // tp, fp, fn, tn
    }

    static String markdown(DemoState state, double threshold, long startedAt) {
        Figures f = figures(state, threshold, startedAt);
        if (f == null) {
            return "## Cold start\n\nNo bundle arrived: the auto-trainer did not publish one (trainer.log says why). Every verdict "
                    + "was UNKNOWN; the loss baseline still scored each checkpoint.\n\n";
        }
        return String.format(Locale.ROOT, "## Cold start%n%nThe study started without a bundle. %d verdicts were UNKNOWN (\"no bundle yet\"; "
                        + "the loss baseline scored those checkpoints). The auto-trainer published a bundle %.0f s after the start, "
                        + "trained on the first %d finished runs (cross-validated F1 %.3f against the strongest baseline, %s, %.3f).%n%n"
                        + "From that point on, %d checkpoints got a verdict (the latest checkpoint of every active run at once): "
                        + "AeLLE F1 %.3f (precision %.3f, recall %.3f); the loss baseline on the same checkpoints F1 %.3f.%n%n",
                f.unknown(), f.arrivalSeconds(), f.runsUsed(), f.validationF1(), f.baseline(), f.baselineF1(), f.after().total(),
                f.after().f1(), f.after().precision(), f.after().recall(), f.lossBaselineAfter().f1());
    }
}
