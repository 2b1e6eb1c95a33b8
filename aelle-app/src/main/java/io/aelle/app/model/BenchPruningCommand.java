package io.aelle.app.model;

import io.aelle.app.model.PruningChart;
import io.aelle.model.dataset.LossThresholdRule;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.Predictor;
import io.aelle.model.pruning.EvaluationPredictorFit;
import io.aelle.model.pruning.MedianPruner;
import io.aelle.model.pruning.NoPruner;
import io.aelle.model.pruning.PredictorPruner;
import io.aelle.model.pruning.PruningBench;
import io.aelle.model.pruning.PruningSummary;
import io.aelle.model.pruning.SuccessiveHalvingPruner;
import io.aelle.model.pruning.Trial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor bench pruning}: a finished study replayed as a hyperparameter search under each pruner. */
@Command(name = "pruning", mixinStandardHelpOptions = true,
        description = {"Replay a study's dataset as a hyperparameter search: runs arrive in a random order (one per --orders "
                + "seed), --parallel train at a time, and at each checkpoint a pruner may stop the run. Prints one JSON line "
                + "per pruner and order; writes pruning.jsonl, pruning.md (mean and 95%% bootstrap interval over orders) and "
                + "pruning.png (epochs consumed against regret) into --out.",
                "Pruners: none; median (Optuna's MedianPruner: 5 startup runs, 1 warm-up epoch); asha (asynchronous "
                        + "successive halving, reduction factor 3, minimum 1 epoch); and any evaluation predictor by name "
                        + "(aelle, dsae, dsae-sparse, dsae-supervised, spectrum-pca, spectrum-logistic, loss-threshold, "
                        + "loss-median, loss-fitted, hparams; 'plain' = all of these but the embeddings) or combined feature set "
                        + "without embedding (e.g. spectrum+loss+hparams), fitted only on runs completed earlier in the same search: "
                        + "the first --startup-runs run to completion, refitted whenever the completed runs double."})
public final class BenchPruningCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "dataset directory or file (what `dataset` writes)")
    Path dataset;

    @Option(names = "--orders", defaultValue = "20", description = "random arrival orders replayed (default ${DEFAULT-VALUE})")
    int orders;

    @Option(names = "--startup-runs", defaultValue = "16",
            description = "predictor pruners: runs completed before the first fit (default ${DEFAULT-VALUE})")
    int startupRuns;

    @Option(names = "--parallel", defaultValue = "4", description = "runs training at a time (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--pruners", split = ",", defaultValue = "none,median,asha,aelle,plain",
            description = "pruners to compare (default ${DEFAULT-VALUE})")
    List<String> pruners;

    @Option(names = "--min-epoch", defaultValue = "1",
            description = "predictor pruners: first epoch at which they may stop a run (default ${DEFAULT-VALUE})")
    int minEpoch;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the arrival orders and of predictor fits (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "output directory (default pruning-STUDY)")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (startupRuns < 1 || minEpoch < 0) {
            throw new IllegalArgumentException("--startup-runs must be >= 1 and --min-epoch >= 0, got " + startupRuns + " and " + minEpoch);
        }
        StudyDataset data = StudyDataset.read(dataset);
        String study = data.header().study();
        List<Trial> runs = PruningBench.runs(data);
        if (startupRuns >= runs.size()) {
            throw new IllegalArgumentException("--startup-runs " + startupRuns + " leaves nothing to prune in a study of " + runs.size() + " runs");
        }
        List<PruningBench.Candidate> candidates = new ArrayList<>();
        for (String name : expand(pruners, data)) {
            candidates.add(candidate(name, data));
        }
        Path dir = out != null ? out : Path.of("pruning-" + study);
        Files.createDirectories(dir);
        double threshold = data.header().lossThreshold();
        PruningBench bench = new PruningBench(orders, seed, parallel, threshold);
        System.err.printf(Locale.ROOT, "bench pruning: study %s, %d runs, %d orders, %d in parallel, pruners %s%n",
                study, runs.size(), orders, parallel, candidates.stream().map(PruningBench.Candidate::name).toList());
        long start = System.nanoTime();
        List<PruningBench.Result> results = bench.run(runs, candidates, (done, total, r) -> {
            System.out.println(r.json(study, parallel));
            System.err.printf(Locale.ROOT, "[%d/%d, %.0f s] order %d %s: epochs %.3f, regret %.4f, top-10%% recall %.2f%n",
                    done, total, (System.nanoTime() - start) / 1e9, r.order(), r.pruner(), r.metrics().epochsShare(),
                    r.metrics().regret(), r.metrics().top10Recall());
        });
        StringBuilder jsonl = new StringBuilder();
        results.forEach(r -> jsonl.append(r.json(study, parallel)).append('\n'));
        Files.writeString(dir.resolve("pruning.jsonl"), jsonl, StandardCharsets.UTF_8);
        PruningSummary summary = PruningSummary.of(results);
        Files.writeString(dir.resolve("pruning.md"), markdown(study, runs.size(), threshold, summary), StandardCharsets.UTF_8);
        PruningChart.write(study, results, summary, dir.resolve("pruning.png"));
        System.err.println("wrote " + dir.resolve("pruning.md") + ", pruning.jsonl, pruning.png");
        return 0;
    }

    /** The pruner names, with 'plain' replaced by the evaluation's plain predictors. */
    private List<String> expand(List<String> names, StudyDataset data) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            String name = n.trim().toLowerCase(Locale.ROOT);
            if (name.equals("plain")) {
                out.addAll(plainPredictorNames(data));
            } else if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The names of the evaluation's plain predictors. Learning the names means fitting them once; the fit is thrown away
     * (no replay uses it).
     */
    private static List<String> plainPredictorNames(StudyDataset data) {
        StudyDataset labelled = LossThresholdRule.MEDIAN.apply(data, RunPartition.ALL_TRAINING);
        return Baselines.fit(labelled, EvaluationPredictorFit.validationQuarter(labelled.runIds(), 1), List.of(), null).stream()
                .map(Predictor::name).toList();
    }

    private PruningBench.Candidate candidate(String name, StudyDataset data) {
        return switch (name) {
            case "none" -> new PruningBench.Candidate(name, NoPruner::new);
            case "median" -> new PruningBench.Candidate(name, MedianPruner::optunaDefaults);
            case "asha" -> new PruningBench.Candidate(name, SuccessiveHalvingPruner::defaults);
            default -> new PruningBench.Candidate(name,
                    () -> new PredictorPruner(name, new EvaluationPredictorFit(name, data, seed), startupRuns, minEpoch));
        };
    }

    private String markdown(String study, int runs, double threshold, PruningSummary summary) {
        return "# Pruning benchmark: study " + study + "\n\n"
                + String.format(Locale.ROOT, "%d runs replayed as a search in %d random arrival orders, %d training at a time. "
                        + "Each cell: mean over orders [95%% bootstrap interval of the mean]. Epochs consumed: share of the "
                        + "epochs the search trains without stopping anything. Regret: best final loss among the runs not "
                        + "stopped minus the best final loss of all runs. Top-10%% recall: share of the best 10%% of runs "
                        + "(by final loss) not stopped. False stops: stopped runs that ended below the study's low-error "
                        + "threshold %.4g.%n%n", runs, orders, parallel, threshold)
                + String.format(Locale.ROOT, "Predictor pruners (every pruner but none, median and asha) are fitted only on "
                        + "runs completed earlier in the same search: the first %d complete, refit whenever the completed runs "
                        + "double; they may stop a run from epoch %d on, when the predictor calls its latest checkpoint worse "
                        + "than the median final loss of the completed runs.%n%n", startupRuns, minEpoch)
                + "Command: `./aelle-monitor bench pruning --dataset DATASET --orders " + orders + " --startup-runs " + startupRuns
                + " --parallel " + parallel + " --pruners " + String.join(",", pruners) + " --seed " + seed + "`\n\n"
                + summary.markdownTable();
    }
}
