package io.aelle.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.FeatureModel;
import io.aelle.model.evaluation.FeatureSet;
import io.aelle.model.evaluation.FeatureSpec;
import io.aelle.model.evaluation.PreviousLoss;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.monitor.analysis.BundleAnalyzers;
import io.aelle.monitor.analysis.SpectrumEngines;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.broker.EmbeddedKafka;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.kafka.ProducerSettings;
import io.aelle.wire.Topics;
import io.aelle.wire.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle trained with {@code --features spectrum+loss+hparams} gives the same verdicts in the streaming job as the
 * offline feature model ({@code evaluate --features}'s) on the same checkpoints: the job supplies the spectrum, the
 * checkpoint's val_loss and hparams and the run's previous val_loss (keyed state).
 */
class FeatureBundlePipelineTest {

    private static final String BASE = "synthetic-tiny";
    private static final int RUNS = 30;
    private static final int TOTAL_EPOCHS = 3;
    private static final double THRESHOLD = 0.5;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Weight scale, learning rate and loss curve vary by run; the final loss depends on all three. */
    private static double scale(int run) {
        return 0.6 + 0.05 * run;
    }

    private static double lr(int run) {
        return (run % 3 == 0) ? 1e-3 : (run % 3 == 1) ? 3e-3 : 1e-2;
    }

    private static double finalLoss(int run) {
        return 0.2 + 0.25 * Math.abs(scale(run) - 1.2) + (run % 3 == 2 ? 0.15 : 0) + 0.1 * ((run * 7) % 4) / 3.0;
    }

    private static double valLoss(int run, int epoch) {
        double f = (double) epoch / TOTAL_EPOCHS;
        return finalLoss(run) + (0.4 + 0.1 * ((run * 5) % 3)) * (1 - f);
    }

    private static Checkpoint checkpoint(String study, int run, int epoch) {
        Checkpoint c = SyntheticRuns.lstm(study + "-run-" + run, study, epoch, TOTAL_EPOCHS, 8, 4, scale(run), valLoss(run, epoch),
                run * 131L + epoch);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata().toMap());
        meta.put("aelle.hparams", String.format(Locale.ROOT, "{\"lr\":%s,\"scale\":%s,\"seed\":%d}", lr(run), scale(run), run));
        return Checkpoint.parse(new SafetensorsFile(c.tensors(), meta).toBytes());
    }

    @Test
    void aSpectrumLossHparamsBundleGivesTheOfflineVerdictsLive() throws Exception {
        Embedding base = Embedding.loadShipped(BASE);
        String study = base.study();
        Probe probe = SyntheticRuns.probe(study, THRESHOLD, 2, 12, 4, 30, 3);
        SpectrumSettings settings = SpectrumSettings.defaults().withConvention(Convention.parse(probe.convention())).withWarmup(probe.warmup());

        // Offline: the dataset rows of the checkpoints (spectra by the CPU engine, as `dataset` computes them).
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<DatasetRow> rows = new ArrayList<>();
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine()) {
            for (int run = 0; run < RUNS; run++) {
                for (int epoch = 0; epoch <= TOTAL_EPOCHS; epoch++) {
                    Checkpoint c = checkpoint(study, run, epoch);
                    checkpoints.add(c);
                    double[] raw = engine.compute(RecurrentNetwork.fromCheckpoint(c), probe.inputs(), settings).mean();
                    var m = c.metadata();
                    rows.add(new DatasetRow(m.runId(), m.hparams(), m.epoch(), m.totalEpochs(), m.valLoss().getAsDouble(),
                            finalLoss(run), raw.length, Embedding.prepare(raw, base.spectrumLength())));
                }
            }
        }
        List<DatasetRow> train = EmbeddingFitter.usable(RunSplit.DEFAULT.rows(rows, RunPartition.Part.TRAIN));
        List<DatasetRow> val = EmbeddingFitter.usable(RunSplit.DEFAULT.rows(rows, RunPartition.Part.VALIDATION));
        FeatureModel offline = Baselines.featureModel(FeatureSet.parse("spectrum+loss+hparams"), train, val, PreviousLoss.of(rows),
                base, THRESHOLD);
        FeatureSpec spec = FeatureSpec.of(offline, null);
        Path bundle = dir.resolve("bundle");
        new Embedding(base.manifest().withFeatures(spec.toManifest()), base.encoder()).save(bundle);

        Topics t = new Topics("features.checkpoints", "features.outcomes", "features.probes", "features.verdicts", "features.dead-letters");
        KafkaWiring w = KafkaWiring.defaults(kafka.bootstrapServers()).withTopics(t).withGroup("features", "features");
        MonitorSettings monitorSettings = MonitorSettings.defaults().withProbeHold(Duration.ofSeconds(60))
                .withCheckpointInterval(Duration.ofMillis(300)).withMetrics("127.0.0.1", -1);
        Map<String, Verdict> live = new HashMap<>();
        try (LocalMonitor monitor = LocalMonitor.start(w, new BundleAnalyzers(SpectrumEngines.CPU, List.of(bundle.toString())),
                monitorSettings, 2);
             KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(w.bootstrapServers()), w.topics())) {
            sink.publishProbe(probe);
            checkpoints.forEach(sink::publishCheckpoint);
            sink.flush();
            long deadline = System.nanoTime() + WAIT.toNanos();
            try (CommittedReader reader = new CommittedReader(w.bootstrapServers(), w.topics().verdicts())) {
                while (live.size() < checkpoints.size() && System.nanoTime() < deadline) {
                    reader.poll(Duration.ofMillis(300)).forEach(r -> live.put(r.verdict().runId() + "@" + r.verdict().epoch(), r.verdict()));
                }
            }
        }
        assertEquals(checkpoints.size(), live.size(), "a verdict per checkpoint");

        Set<Boolean> verdicts = new HashSet<>();
        int readsThePreviousLoss = 0;
        for (DatasetRow r : rows) {
            Verdict v = live.get(r.key());
            assertNotNull(v, r.key());
            boolean expected = offline.lowError(r);
            assertEquals(expected, v.likelyLowError(), r.key());
            verdicts.add(expected);
            // the same checkpoint as if its run's previous loss were unknown
            readsThePreviousLoss += spec.lowError(r, Double.NaN, base) == expected ? 0 : 1;
        }
        assertEquals(Set.of(true, false), verdicts, "both verdicts occur");
        assertTrue(readsThePreviousLoss > 0, "some verdict depends on the previous checkpoint's loss, so the job must supply it");
    }
}
