package io.aelle.model.cli;

import io.aelle.model.dataset.DatasetBuilder;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor dataset}: a study's checkpoints, outcomes and spectra as one dataset file. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Collect a study's checkpoints with their runs' outcomes and spectra (one row per run and epoch) "
                + "into DIR/dataset.csv.gz. Idempotent: spectra already computed are reused.")
public final class DatasetCommand implements Callable<Integer> {

    @Option(names = "--from", required = true,
            description = "sweep directory (RUN-eEPOCH.safetensors, RUN.outcome.json, probes/STUDY.safetensors); "
                    + "reading from Kafka is not supported yet")
    String from;

    @Option(names = "--study", required = true, description = "study id")
    String study;

    @Option(names = "--out", required = true, description = "dataset directory to write (holds the spectrum cache too)")
    Path out;

    @Option(names = "--length", defaultValue = "0", description = "common spectrum length; 0 = the largest hidden size in the study")
    int length;

    @Option(names = "--threads", defaultValue = "0", description = "spectrum engine threads; 0 = all cores")
    int threads;

    @Option(names = "--budget-minutes", defaultValue = "0",
            description = "stop starting new spectra after this many minutes and write the runs complete so far; "
                    + "rerun to continue (0 = no limit)")
    double budgetMinutes;

    @Override
    public Integer call() throws Exception {
        if (from.equals("kafka")) {
            throw new IllegalArgumentException("--from kafka is not supported yet; record the sweep to a directory (sweep --to DIR) and pass it");
        }
        try (CpuSpectrumEngine engine = threads > 0 ? new CpuSpectrumEngine(threads) : new CpuSpectrumEngine()) {
            ProgressBar[] bar = new ProgressBar[1];
            int[] fresh = new int[1];
            DatasetBuilder.Summary s = new DatasetBuilder(engine).build(Path.of(from), study, out, length,
                    budgetMinutes > 0 ? java.time.Duration.ofSeconds(Math.round(budgetMinutes * 60)) : null, (done, total, computed) -> {
                if (bar[0] == null) {
                    bar[0] = new ProgressBar("dataset " + study, total);
                }
                fresh[0] += computed ? 1 : 0;
                bar[0].update(done, fresh[0] + " spectra computed");
            });
            System.out.printf(Locale.ROOT, "%s: %d rows from %d runs (%d checkpoints of the study: %d spectra computed, %d reused, "
                    + "%d skipped without a finished outcome, %d deferred by the time budget)%n", s.file(), s.rows(), s.runs(),
                    s.checkpoints(), s.computed(), s.reused(), s.withoutOutcome(), s.deferred());
        }
        return 0;
    }
}
