package io.aelle.monitor.analysis;

import io.aelle.model.embedding.Projection;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumBudget;
import io.aelle.model.lyapunov.SpectrumBudgetException;
import io.aelle.model.lyapunov.SpectrumEngine;
import io.aelle.model.lyapunov.SpectrumResult;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.monitor.record.DeadLetterReason;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.Probe;
import java.util.Arrays;
import java.util.Map;

/**
 * Checkpoint → recurrent network → Lyapunov spectrum (driven by the study's probe, with the probe's convention
 * and warm-up: {@link SpectrumSettings#forProbe}) → the study's model, when this analyzer has one (else the spectrum
 * alone: the study's bundle comes from the bundles table, or has not arrived yet). A probe whose convention is not
 * the one the study's model was trained on is refused ({@code spectrum_settings_mismatch}): its spectra would mean
 * something else. Rejections name the dead-letter reason. The spectrum is bounded by a
 * {@link SpectrumBudget}: over its work limit the checkpoint is refused before any compute ({@code too_costly}), past
 * its time limit the engine stops between QR blocks ({@code spectrum_timeout}).
 */
public final class LyapunovAnalyzer implements CheckpointAnalyzer {

    private final SpectrumEngine engine;
    private final Map<String, StudyModel> models;
    private final SpectrumBudget budget;

    /** With the engine's default {@link SpectrumBudget}. */
    public LyapunovAnalyzer(SpectrumEngine engine, Map<String, StudyModel> models) {
        this(engine, models, SpectrumBudget.defaultsFor(engine));
    }

    /**
     * @param models by study id; a checkpoint of any other study gets its spectrum only ({@link Analysis#projected()} false)
     * @param budget a checkpoint whose estimated work is over it is rejected before any compute, and one whose spectrum
     *               runs past its time limit is stopped and rejected
     */
    public LyapunovAnalyzer(SpectrumEngine engine, Map<String, StudyModel> models, SpectrumBudget budget) {
        this.engine = engine;
        this.models = Map.copyOf(models);
        this.budget = budget;
    }

    @Override
    public Analysis analyze(Checkpoint checkpoint, Probe probe) {
        return analyze(checkpoint, probe, Double.NaN);
    }

    @Override
    public Analysis analyze(Checkpoint checkpoint, Probe probe, double previousValLoss) {
        String study = checkpoint.metadata().studyId();
        StudyModel model = models.get(study);
        Convention convention = Convention.parse(probe.convention());
        if (model != null) {
            model.requireConvention(study, convention);
        }
        RecurrentNetwork network = network(checkpoint);
        if (network.inputSize() != probe.inputSize()) {
            throw new RejectedCheckpointException(DeadLetterReason.SHAPE_MISMATCH, "the network takes "
                    + network.inputSize() + " inputs per step but study '" + study + "' probes with " + probe.inputSize());
        }
        long start = System.nanoTime();
        double[] spectrum;
        Projection p;
        try {
            SpectrumSettings settings = SpectrumSettings.forProbe(probe);
            budget.requireAffordable(network, probe.inputs().dim(0), probe.inputs().dim(1), settings);
            SpectrumResult result = engine.compute(network, probe.inputs(), settings, budget.startDeadline());
            spectrum = result.mean();
            p = model == null ? null : model.project(spectrum, checkpoint.metadata(), previousValLoss);
        } catch (SpectrumBudgetException e) {
            throw new RejectedCheckpointException(e.kind() == SpectrumBudgetException.Kind.TOO_COSTLY
                    ? DeadLetterReason.TOO_COSTLY : DeadLetterReason.SPECTRUM_TIMEOUT, e.getMessage());
        } catch (IllegalArgumentException e) {
            // A record that fails here would fail again after a restart: dead-letter it instead.
            throw new RejectedCheckpointException(DeadLetterReason.SPECTRUM_FAILED, e.getMessage());
        }
        long nanos = System.nanoTime() - start;
        double max = Arrays.stream(spectrum).max().orElse(Double.NaN);
        double mean = Arrays.stream(spectrum).average().orElse(Double.NaN);
        if (p == null) {
            return new Analysis(Double.NaN, Double.NaN, Double.NaN, false, max, mean, nanos, spectrum, false);
        }
        return new Analysis(p.pc1(), p.pc2(), p.predictedFinalLoss(), p.likelyLowError(), max, mean, nanos, spectrum, true);
    }

    @Override
    public double lossMedianQ(String studyId) {
        StudyModel model = models.get(studyId);
        return model == null ? CheckpointAnalyzer.super.lossMedianQ(studyId) : model.lossMedianQ();
    }

    private static RecurrentNetwork network(Checkpoint checkpoint) {
        try {
            return RecurrentNetwork.fromCheckpoint(checkpoint);
        } catch (IllegalArgumentException e) {
            throw new RejectedCheckpointException(DeadLetterReason.SHAPE_MISMATCH, e.getMessage());
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
