package io.aelle.model.embedding.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import io.aelle.model.embedding.BundleManifest;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.EmbeddingType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingFitterTest {

    @TempDir
    Path dir;

    private static final StudyDataset DATA = SyntheticStudy.of(40, 5, 12, 3);

    @Test
    void aelleLearnsTheStudyAndRoundTripsThroughABundle() throws Exception {
        AelleTrainer.Settings s = new AelleTrainer.Settings(List.of(32, 16), 4, 0.1, 1, AlphaSchedule.parse("1:15,2:15"), 3e-3, 32, 5);
        EmbeddingFitter.Options o = new EmbeddingFitter.Options(EmbeddingType.AELLE, s, null, io.aelle.model.dataset.RunSplit.DEFAULT);
        EmbeddingFitter.Fitted f = EmbeddingFitter.fit(DATA, o, TrainingListener.NONE);
        List<double[]> h = f.history().points();
        assertEquals(30, h.size());
        // compare within the first stage: α changes between stages
        assertTrue(h.get(14)[1] < 0.8 * h.get(0)[1], "training loss falls: " + h.get(0)[1] + " -> " + h.get(14)[1]);
        double f1 = f.embedding().manifest().validation().f1();
        assertTrue(f1 > 0.7, "validation F1 on the separable synthetic study: " + f1);
        f.embedding().save(dir);
        Embedding loaded = Embedding.load(dir);
        List<String> keys = new java.util.ArrayList<>();
        BundleManifest.json().readTree(dir.resolve(BundleManifest.FILE).toFile()).get("validation").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("classifier", "f1", "precision", "recall", "rows", "runs", "candidates_f1", "final_validation_loss",
                "per_fraction", "pooled_cross_fitted_f1", "per_fraction_cross_fitted_f1", "split"), keys, "every figure, in the order of earlier bundles");
        assertEquals(f.embedding().manifest().validation().candidatesF1(), loaded.manifest().validation().candidatesF1());
        double share = io.aelle.model.dataset.LossMedianRule.lowErrorShare(
                EmbeddingFitter.usable(io.aelle.model.dataset.RunSplit.DEFAULT.rows(DATA.rows(), io.aelle.model.dataset.RunPartition.Part.TRAIN)),
                f.embedding().lossThreshold());
        assertTrue(share > 0 && share < 1, "the synthetic study has both outcomes: " + share);
        assertEquals(share, loaded.manifest().lowErrorShare(), 0.0, "the training runs' low-error share is recorded");
        assertEquals(share, io.aelle.model.dataset.LossMedianRule.q(loaded.manifest().lowErrorShare()), 0.0, "and is the live loss-median's q");
        for (var row : DATA.rows().subList(0, 20)) {
            assertEquals(f.embedding().project(row.spectrum()), loaded.project(row.spectrum()));
        }
    }

    @Test
    void everyDsaeVariantTrainsAndLoads() throws Exception {
        for (EmbeddingType t : List.of(EmbeddingType.DSAE, EmbeddingType.DSAE_SPARSE, EmbeddingType.DSAE_SUPERVISED)) {
            DsaeTrainer.Settings s = DsaeTrainer.Settings.defaults(t).withEpochs(12).withLatent(4).withExtra(t == EmbeddingType.DSAE_SPARSE ? 4 : 0);
            EmbeddingFitter.Options o = new EmbeddingFitter.Options(t, null, s, io.aelle.model.dataset.RunSplit.DEFAULT);
            EmbeddingFitter.Fitted f = EmbeddingFitter.fit(DATA, o, TrainingListener.NONE);
            List<double[]> h = f.history().points();
            assertTrue(h.get(h.size() - 1)[1] < h.get(0)[1], t + " training loss falls");
            Path d = dir.resolve(t.id());
            f.embedding().save(d);
            Embedding loaded = Embedding.load(d);
            assertEquals(t, loaded.type());
            double[] spectrum = DATA.rows().get(7).spectrum();
            assertEquals(f.embedding().project(spectrum), loaded.project(spectrum));
            assertEquals(t == EmbeddingType.DSAE_SUPERVISED, Double.isFinite(loaded.project(spectrum).predictedFinalLoss()));
        }
    }
}
