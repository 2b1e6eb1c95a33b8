package io.aelle.model.dataset;

import io.aelle.model.embedding.Embedding;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.wire.RunTruth;
import io.aelle.wire.SweepLayout;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a study's dataset from a sweep directory ({@link SweepLayout}: {@code RUN-eEPOCH.safetensors},
 * {@code RUN.outcome.json}, {@code probes/STUDY.safetensors}). Spectra are computed with the engine's defaults
 * and the probe's convention and warm-up, cached by checkpoint content, and prepared by
 * {@link Embedding#prepare} (sorted, interpolated to the study's common length).
 */
public final class DatasetBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);
    /** Cache saved every this many new spectra, so an interrupted build loses little. */
    private static final int SAVE_EVERY = 25;

    /** Told after each checkpoint. */
    public interface Progress {
        void checkpointDone(int done, int total, boolean computed);
    }

    /**
     * @param deferred checkpoints left for a later run because the time budget ran out
     */
    public record Summary(int checkpoints, int computed, int reused, int withoutOutcome, int deferred, int rows, int runs, Path file) {
    }

    private final SpectrumEngine engine;

    public DatasetBuilder(SpectrumEngine engine) {
        this.engine = engine;
    }

    /**
     * @param length the common spectrum length; 0 means the largest hidden size in the study
     * @param budget after this much time no new spectrum is started; the runs not yet complete are left out of the
     *               dataset (a rerun continues from the cache). Null means no limit.
     */
    public Summary build(Path sweepDir, String study, Path out, int length, java.time.Duration budget, Progress progress)
            throws IOException {
        long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        if (!Files.isDirectory(sweepDir)) {
            throw new java.nio.file.NoSuchFileException(sweepDir.toString(), null, "sweep directory not found");
        }
        Probe probe = readProbe(sweepDir, study);
        SpectrumSettings settings = SpectrumSettings.forProbe(probe);
        Map<String, RunOutcome> outcomes = readOutcomes(sweepDir, study);
        List<Path> files;
        try (Stream<Path> s = Files.list(sweepDir)) {
            files = s.filter(p -> SweepLayout.isCheckpointFile(p.getFileName().toString()))
                    .sorted().toList();
        }
        Files.createDirectories(out);
        SpectrumCache cache = SpectrumCache.open(out);
        String settingsKey = settings.convention().id() + "/w" + settings.warmup() + "/" + probeHash(probe);
        List<DatasetRow> raw = new ArrayList<>();
        int computed = 0, reused = 0, withoutOutcome = 0, deferred = 0, done = 0, ofStudy = 0;
        java.util.Set<String> incomplete = new java.util.HashSet<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            Checkpoint cp;
            try {
                cp = Checkpoint.of(SafetensorsFile.read(bytes));
            } catch (RuntimeException e) {
                LOG.warn("skipping {}: not a checkpoint ({})", f.getFileName(), e.getMessage());
                progress.checkpointDone(++done, files.size(), false);
                continue;
            }
            CheckpointMetadata m = cp.metadata();
            if (!m.studyId().equals(study)) {
                progress.checkpointDone(++done, files.size(), false);
                continue;
            }
            ofStudy++;
            RunOutcome o = outcomes.get(m.runId());
            double finalLoss = o == null ? Double.NaN : RunTruth.scoredFinalLoss(o.status(), o.finalLoss());
            if (Double.isNaN(finalLoss)) {   // no outcome yet, or stopped early: no truth to label it with
                withoutOutcome++;
                progress.checkpointDone(++done, files.size(), false);
                continue;
            }
            String key = sha256(bytes) + "/" + settingsKey;
            double[] spectrum = cache.get(key);
            boolean fresh = spectrum == null;
            if (fresh && System.nanoTime() > deadline) {
                deferred++;
                incomplete.add(m.runId());
                progress.checkpointDone(++done, files.size(), false);
                continue;
            }
            if (fresh) {
                RecurrentNetwork net;
                try {
                    net = RecurrentNetwork.fromCheckpoint(cp);
                } catch (IllegalArgumentException e) {   // e.g. a failed run's NaN weights: the live job dead-letters it too
                    LOG.warn("skipping {}: {}", f.getFileName(), e.getMessage());
                    progress.checkpointDone(++done, files.size(), false);
                    continue;
                }
                spectrum = engine.compute(net, probe.inputs(), settings).mean();
                cache.put(key, spectrum);
                if (++computed % SAVE_EVERY == 0) {
                    cache.save();
                }
            } else {
                reused++;
            }
            raw.add(new DatasetRow(m.runId(), m.hparams() == null ? "{}" : m.hparams(), m.epoch(), m.totalEpochs(),
                    m.valLoss().orElse(Double.NaN), finalLoss, spectrum.length, spectrum));
            progress.checkpointDone(++done, files.size(), fresh);
        }
        cache.save();
        raw.removeIf(r -> incomplete.contains(r.runId()));
        if (raw.isEmpty() && deferred > 0) {
            throw new IllegalArgumentException("the time budget ran out before any run of study '" + study
                    + "' was complete (" + computed + " spectra cached); rerun to continue");
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint of study '" + study + "' with a finished outcome in " + sweepDir
                    + " (" + ofStudy + " checkpoints of the study, " + withoutOutcome + " without an outcome)");
        }
        int common = length > 0 ? length : raw.stream().mapToInt(DatasetRow::rawLength).max().orElseThrow();
        List<DatasetRow> rows = new ArrayList<>(raw.size());
        for (DatasetRow r : raw) {
            rows.add(new DatasetRow(r.runId(), r.hparams(), r.epoch(), r.totalEpochs(), r.valLoss(), r.finalLoss(),
                    r.rawLength(), Embedding.prepare(r.spectrum(), common)));
        }
        StudyDataset ds = new StudyDataset(DatasetHeader.of(study, probe.task(), probe.lossThreshold(),
                settings.convention().id(), settings.warmup(), common), rows);
        Path file = out.resolve(StudyDataset.FILE);
        ds.write(file);
        return new Summary(ofStudy, computed, reused, withoutOutcome, deferred, rows.size(), ds.runIds().size(), file);
    }

    static Probe readProbe(Path sweepDir, String study) throws IOException {
        Path p = SweepLayout.probeFile(sweepDir, study);
        if (!p.normalize().startsWith(sweepDir.normalize()) || !Files.isRegularFile(p)) {
            throw new java.nio.file.NoSuchFileException(p.toString(), null, "no probe for study '" + study + "'");
        }
        Probe probe = Probe.of(SafetensorsFile.read(p));
        if (!probe.studyId().equals(study)) {
            throw new IllegalArgumentException(p + " is the probe of study '" + probe.studyId() + "', not '" + study + "'");
        }
        return probe;
    }

    static Map<String, RunOutcome> readOutcomes(Path sweepDir, String study) throws IOException {
        Map<String, RunOutcome> m = new HashMap<>();
        try (Stream<Path> s = Files.list(sweepDir)) {
            for (Path p : s.filter(x -> SweepLayout.isOutcomeFile(x.getFileName().toString())).toList()) {
                try {
                    RunOutcome o = RunOutcome.read(p);
                    if (o.studyId().equals(study)) {
                        m.put(o.runId(), o);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping {}: {}", p.getFileName(), e.getMessage());
                }
            }
        }
        return m;
    }

    /** The probe's inputs only: a probe republished with a moved loss threshold keeps every cached spectrum. */
    private static String probeHash(Probe p) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * p.inputs().size() + 12);
        for (int d : p.inputs().shape()) {
            b.putInt(d);
        }
        for (double v : p.inputs().data()) {
            b.putDouble(v);
        }
        return sha256(b.array()).substring(0, 16);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
