package io.aelle.app.model;

import io.aelle.model.dataset.DatasetBuilder;
import io.aelle.model.dataset.StudySource;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aelle-monitor dataset}: a study's checkpoints, outcomes and spectra as one dataset file. {@code --from} is a
 * sweep directory or the name of a {@link StudySource} added with {@link #addSource} (the CLI adds {@code kafka};
 * this module cannot, as it does not depend on Kafka).
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Collect a study's checkpoints with their runs' outcomes and spectra (one row per run and epoch) "
                + "into OUT/dataset.csv.gz. Idempotent: spectra already computed are reused.",
            "Reads a sweep directory (--from DIR) or the Kafka topics (--from kafka --bootstrap-servers HOST:PORT)."})
public final class DatasetCommand implements Callable<Integer> {

    /** The {@code --from} value of the Kafka source. */
    public static final String KAFKA = "kafka";
    /** Where the Kafka source mirrors the study's topics, beneath {@code --out}. */
    public static final String KAFKA_MIRROR = "kafka-mirror";

    private final Map<String, StudySource> sources = new LinkedHashMap<>();

    @Option(names = "--from", required = true, paramLabel = "DIR|kafka",
            description = {"DIR: a sweep directory (RUN-eEPOCH.safetensors, RUN.outcome.json, probes/STUDY.safetensors).",
                "kafka: the study's records on the checkpoints, outcomes and probes topics (--bootstrap-servers, --*-topic), "
                        + "first mirrored into OUT/" + KAFKA_MIRROR + "/ in the same layout; a rerun writes only new records."})
    String from;

    @Option(names = "--study", required = true, description = "study id")
    String study;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "dataset directory to write (holds the spectrum cache too)")
    Path out;

    @Option(names = "--length", defaultValue = "0", description = "common spectrum length; 0 = the largest hidden size in the study")
    int length;

    @Option(names = "--threads", defaultValue = "0", description = "spectrum engine threads; 0 = all cores")
    int threads;

    @Option(names = "--budget-minutes", defaultValue = "0",
            description = "stop starting new spectra after this many minutes and write the runs complete so far; "
                    + "rerun to continue (0 = no limit)")
    double budgetMinutes;

    /**
     * Lets {@code --from NAME} read the study through {@code source}; the source is added as a picocli mixin, so the
     * options it declares (e.g. the broker address) become options of this command and appear in its help.
     */
    public static void addSource(CommandLine dataset, String name, StudySource source) {
        ((DatasetCommand) dataset.getCommand()).sources.put(name, source);
        dataset.addMixin(name, source);
    }

    private Path sweepDirectory() throws java.io.IOException {
        StudySource source = sources.get(from);
        if (source != null) {
            return source.sweepDirectory(study, out);
        }
        if (from.equals(KAFKA)) {
            throw new IllegalArgumentException("--from kafka needs the Kafka source, which ./aelle-monitor adds "
                    + "(for a sweep directory named kafka, pass ./kafka)");
        }
        return Path.of(from);
    }

    @Override
    public Integer call() throws Exception {
        Path sweep = sweepDirectory();
        try (CpuSpectrumEngine engine = threads > 0 ? new CpuSpectrumEngine(threads) : new CpuSpectrumEngine()) {
            ProgressBar[] bar = new ProgressBar[1];
            int[] fresh = new int[1];
            DatasetBuilder.Summary s = new DatasetBuilder(engine).build(sweep, study, out, length,
                    budgetMinutes > 0 ? java.time.Duration.ofSeconds(Math.round(budgetMinutes * 60)) : null, (done, total, computed) -> {
                if (bar[0] == null) {
                    bar[0] = new ProgressBar("dataset " + study, total);
                }
                fresh[0] += computed ? 1 : 0;
                bar[0].update(done, fresh[0] + " spectra computed");
            });
            System.out.printf(Locale.ROOT, "%s: %d rows from %d runs (%d checkpoints of the study: %d spectra computed, %d reused, "
                    + "%d skipped without a finished outcome (none yet, or stopped early), %d deferred by the time budget)%n", s.file(), s.rows(), s.runs(),
                    s.checkpoints(), s.computed(), s.reused(), s.withoutOutcome(), s.deferred());
        }
        return 0;
    }
}
