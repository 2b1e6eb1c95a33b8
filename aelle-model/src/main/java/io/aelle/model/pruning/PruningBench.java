package io.aelle.model.pruning;

import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.util.Permutations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The pruning benchmark: every candidate pruner replays the same random arrival orders of a study's runs
 * ({@link SearchReplay}); each (pruner, order) gives one {@link PruningMetrics}.
 */
public final class PruningBench {

    /** A pruner under test; {@code make} gives a fresh one per replay. */
    public record Candidate(String name, Supplier<Pruner> make) {
    }

    public record Result(String pruner, int order, long orderSeed, PruningMetrics metrics, double seconds) {

        /** The benchmark's JSON line. */
        public String json(String study, int parallel) {
            PruningMetrics m = metrics;
            return String.format(Locale.ROOT, "{\"bench\":\"pruning\",\"study\":\"%s\",\"pruner\":\"%s\",\"order\":%d,\"order_seed\":%d,"
                            + "\"parallel\":%d,\"runs\":%d,\"stopped\":%d,\"epochs_share\":%.4f,\"regret\":%.6f,\"top10_recall\":%.4f,"
                            + "\"false_stops\":%d,\"seconds\":%.2f}",
                    study, pruner, order, orderSeed, parallel, m.runs(), m.stopped(), m.epochsShare(), m.regret(), m.top10Recall(),
                    m.falseStops(), seconds);
        }
    }

    /** Told after each replay. */
    public interface Progress {
        void replayed(int done, int total, Result result);
    }

    private final int orders;
    private final long seed;
    private final SearchReplay replay;
    private final double lowErrorThreshold;

    /**
     * @param lowErrorThreshold final loss below which a stopped run counts as a false stop
     */
    public PruningBench(int orders, long seed, int parallel, double lowErrorThreshold) {
        if (orders < 1) {
            throw new IllegalArgumentException("--orders must be >= 1, got " + orders);
        }
        this.orders = orders;
        this.seed = seed;
        this.replay = new SearchReplay(parallel);
        this.lowErrorThreshold = lowErrorThreshold;
    }

    /** The study's runs that have a final loss (a run without one cannot be judged), by run id. */
    public static List<Trial> runs(StudyDataset data) {
        List<Trial> out = new ArrayList<>();
        data.byRun().forEach((id, rows) -> {
            if (!Double.isNaN(rows.get(rows.size() - 1).finalLoss())) {
                out.add(new Trial(id, rows));
            }
        });
        if (out.size() < 2) {
            throw new IllegalArgumentException("study " + data.header().study() + " has " + out.size()
                    + " runs with a final loss; a search needs at least 2");
        }
        return out;
    }

    /** The arrival order of replay {@code order}: a shuffle seeded by (seed, order), the same for every pruner. */
    public List<Trial> order(List<Trial> runs, int order) {
        int[] p = Permutations.shuffled(runs.size(), new Random(orderSeed(order)));
        List<Trial> out = new ArrayList<>(runs.size());
        for (int i : p) {
            out.add(runs.get(i));
        }
        return out;
    }

    long orderSeed(int order) {
        return seed * 1_000_003L + order;
    }

    public List<Result> run(List<Trial> runs, List<Candidate> candidates, Progress progress) {
        List<Result> results = new ArrayList<>();
        int total = orders * candidates.size(), done = 0;
        for (int o = 0; o < orders; o++) {
            List<Trial> order = order(runs, o);
            for (Candidate c : candidates) {
                long start = System.nanoTime();
                PruningMetrics m = PruningMetrics.of(replay.replay(order, c.make().get()), lowErrorThreshold);
                Result r = new Result(c.name(), o, orderSeed(o), m, (System.nanoTime() - start) / 1e9);
                results.add(r);
                progress.replayed(++done, total, r);
            }
        }
        return results;
    }
}
