package io.aelle.producer.listener;

import ai.djl.training.Trainer;
import ai.djl.training.listener.EarlyStoppingListener.EarlyStoppedException;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.aelle.model.dataset.RunPartition;
import io.aelle.producer.CheckpointSink;
import io.aelle.producer.verdict.VerdictSource;
import io.aelle.wire.Outcome;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DJL {@code TrainingListener} that streams a run to the AeLLE monitor: the untrained (epoch-0) checkpoint via
 * {@link #publishInitial}, one checkpoint at every epoch end with {@code aelle.val_loss}, and the {@link Outcome}
 * when the trainer closes. With a {@link VerdictSource} it reads the monitor's verdicts for its run id:
 * {@link VerdictMode#ADVISORY} logs them; {@link VerdictMode#STOP} ends training after the epoch on a
 * {@code LIKELY_HIGH_ERROR} verdict by throwing DJL's {@link EarlyStoppedException} (catch it around your fit
 * loop, as with DJL's {@code EarlyStoppingListener}), but never before {@code minFraction} of the epochs; the
 * outcome then has status {@code stopped_early}.
 *
 * <p>Audited stops: in stop mode a share {@code auditRate} of the runs it would stop (drawn per run from a hash of
 * (auditSeed, run id), so a rerun draws the same) keep training to the end instead; their outcome carries
 * {@code "audit": true}, and the monitor's {@code aelle_stop_precision} is the share of them that did end high error,
 * an unbiased estimate of how often the stops are right.
 *
 * <p>Register it after DJL's default listeners when the validation loss comes from
 * {@link LossSource#fromTrainingResult()}.
 */
public final class AelleTrainingListener extends TrainingListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AelleTrainingListener.class);

    private final Settings settings;
    private int epoch;
    private double lastValLoss = Double.NaN;
    private boolean initialPublished;
    private boolean stoppedEarly;
    private boolean audit;
    private boolean failed;
    private boolean outcomePublished;

    /**
     * @param runId        the run's id (Kafka key of its checkpoints, outcome and verdicts)
     * @param arch         {@code rnn}, {@code gru} or {@code lstm}
     * @param layerPrefix  the recurrent layer's name prefix, e.g. {@code rnn_layer.}
     * @param hparams      a JSON object of the variant's hyperparameters, or null
     * @param verdicts     null unless the mode reads verdicts
     * @param verdictWait  how long to wait at an epoch end for the verdict on that epoch's checkpoint (zero: use
     *                     whatever verdict is there)
     * @param minFraction  never stop before epoch / totalEpochs reaches this
     * @param auditRate    share of the would-be-stopped runs that train on as audits, in [0, 1]
     * @param auditSeed    seed of the audit draw
     */
    public record Settings(String runId, String studyId, int totalEpochs, String arch, String layerPrefix, String hparams,
                           CheckpointSink sink, CheckpointExporter exporter, LossSource losses, VerdictMode mode,
                           VerdictSource verdicts, Duration verdictWait, double minFraction, double auditRate, long auditSeed) {

        public static final double DEFAULT_MIN_FRACTION = 0.2;
        public static final double DEFAULT_AUDIT_RATE = 0.1;
        public static final long DEFAULT_AUDIT_SEED = 20261130L;

        /** With the default audit rate and seed. */
        public Settings(String runId, String studyId, int totalEpochs, String arch, String layerPrefix, String hparams,
                        CheckpointSink sink, CheckpointExporter exporter, LossSource losses, VerdictMode mode,
                        VerdictSource verdicts, Duration verdictWait, double minFraction) {
            this(runId, studyId, totalEpochs, arch, layerPrefix, hparams, sink, exporter, losses, mode, verdicts, verdictWait,
                    minFraction, DEFAULT_AUDIT_RATE, DEFAULT_AUDIT_SEED);
        }

        public Settings {
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(exporter, "exporter");
            Objects.requireNonNull(losses, "losses");
            Objects.requireNonNull(mode, "mode");
            if (totalEpochs < 1) {
                throw new IllegalArgumentException("total epochs must be >= 1, got " + totalEpochs);
            }
            if (mode != VerdictMode.OFF && verdicts == null) {
                throw new IllegalArgumentException("verdict mode " + mode + " needs a verdict source");
            }
            if (!(minFraction >= 0 && minFraction <= 1)) {
                throw new IllegalArgumentException("minimum training fraction must be in [0, 1], got " + minFraction);
            }
            if (!(auditRate >= 0 && auditRate <= 1)) {
                throw new IllegalArgumentException("audit rate must be in [0, 1], got " + auditRate);
            }
            verdictWait = verdictWait == null ? Duration.ZERO : verdictWait;
        }

        /** Whether this run, once a stop is due, trains on as an audit. */
        public boolean audited() {
            return RunPartition.unit(auditSeed, runId) < auditRate;
        }
    }

    public AelleTrainingListener(Settings settings) {
        this.settings = settings;
    }

    /** Publishes the untrained checkpoint (epoch 0). Call once after {@code trainer.initialize(...)}. */
    public void publishInitial(Trainer trainer) {
        if (!initialPublished) {
            initialPublished = true;
            publish(trainer, 0, settings.losses().validationLoss(trainer));
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        epoch++;
        publish(trainer, epoch, settings.losses().validationLoss(trainer));
        if (settings.mode() == VerdictMode.OFF) {
            return;
        }
        Optional<Verdict> verdict = readVerdict();
        if (verdict.isEmpty()) {
            return;
        }
        Verdict v = verdict.get();
        double fraction = (double) epoch / settings.totalEpochs();
        log.info("run {} epoch {}/{}: monitor says {} (verdict on epoch {}, predicted final loss {})", settings.runId(), epoch,
                settings.totalEpochs(), v.verdict(), v.epoch(), v.predictedFinalLoss());
        if (settings.mode() == VerdictMode.STOP && Verdict.LIKELY_HIGH_ERROR.equals(v.verdict()) && epoch < settings.totalEpochs()) {
            if (fraction + 1e-12 < settings.minFraction()) {
                log.info("run {}: not stopping at training fraction {} < minimum {}", settings.runId(), fraction, settings.minFraction());
                return;
            }
            if (audit) {
                return;   // an audit run trains to the end whatever later verdicts say
            }
            if (settings.audited()) {
                audit = true;
                log.info("run {}: would stop at epoch {}, trains on as an audit of the stop decisions", settings.runId(), epoch);
                return;
            }
            stoppedEarly = true;
            throw new EarlyStoppedException(epoch, "AeLLE monitor verdict " + v.verdict() + " at training fraction " + fraction);
        }
    }

    private Optional<Verdict> readVerdict() {
        try {
            return settings.verdictWait().isZero()
                    ? settings.verdicts().latest(settings.runId())
                    : settings.verdicts().await(settings.runId(), epoch, settings.verdictWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Marks the run as failed: the outcome published at training end will say so. */
    public void markFailed() {
        failed = true;
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (outcomePublished) {
            return;
        }
        outcomePublished = true;
        String status = failed ? Outcome.FAILED : stoppedEarly ? Outcome.STOPPED_EARLY : Outcome.COMPLETED;
        settings.sink().publishOutcome(new Outcome(settings.runId(), settings.studyId(), lastValLoss, epoch, status, audit));
        settings.sink().flush();
    }

    public int epochsCompleted() {
        return epoch;
    }

    public double lastValidationLoss() {
        return lastValLoss;
    }

    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** Whether a stop was due and the run trained on as an audit. */
    public boolean audit() {
        return audit;
    }

    private void publish(Trainer trainer, int atEpoch, OptionalDouble valLoss) {
        valLoss.ifPresent(v -> lastValLoss = v);
        CheckpointMetadata meta = new CheckpointMetadata(settings.runId(), settings.studyId(), atEpoch, settings.totalEpochs(),
                valLoss, OptionalDouble.empty(), settings.arch(), settings.layerPrefix(), settings.hparams(), Instant.now());
        settings.sink().publishCheckpoint(new Checkpoint(meta, settings.exporter().export(trainer)));
    }
}
