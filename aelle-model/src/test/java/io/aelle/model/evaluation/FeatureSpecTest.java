package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.embedding.BundleManifest;
import io.aelle.model.embedding.BundleValidation;
import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.training.EmbeddingFitter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    /**
     * What train writes for spectrum+loss+hparams, read back from JSON, gives the fitted model's verdict on every
     * checkpoint, each checkpoint given only its run's previous val_loss (as the streaming job has it).
     */
    @Test
    void aWrittenFeatureModelGivesTheFittedModelsVerdictsFromEachCheckpointAndItsPreviousLoss() throws Exception {
        StudyDataset data = KnownAnswerStudy.of(KnownAnswerStudy.Source.SPECTRUM, 60, 4, 5);
        List<DatasetRow> train = EmbeddingFitter.usable(RunSplit.DEFAULT.rows(data.rows(), RunPartition.Part.TRAIN));
        List<DatasetRow> val = EmbeddingFitter.usable(RunSplit.DEFAULT.rows(data.rows(), RunPartition.Part.VALIDATION));
        FeatureSet set = FeatureSet.parse("spectrum+loss+hparams");
        FeatureModel fitted = Baselines.featureModel(set, train, val, PreviousLoss.of(data.rows()), null, KnownAnswerStudy.THRESHOLD);

        String json = BundleManifest.json().writeValueAsString(FeatureSpec.of(fitted, BundleValidation.ofF1(1.0)));
        FeatureSpec read = BundleManifest.json().readValue(json, FeatureSpec.class);
        assertEquals("spectrum+loss+hparams", read.set());

        Map<String, Double> previous = new HashMap<>();
        data.rows().forEach(r -> previous.put(r.key(), r.valLoss()));
        Set<Boolean> verdicts = new HashSet<>();
        boolean[] predicted = new boolean[data.rows().size()];
        for (int i = 0; i < predicted.length; i++) {
            DatasetRow r = data.rows().get(i);
            double before = r.epoch() == 0 ? Double.NaN : previous.get(r.runId() + "@" + (r.epoch() - 1));
            predicted[i] = read.lowError(r, before, null);
            assertEquals(fitted.lowError(r), predicted[i], r.key());
            verdicts.add(predicted[i]);
        }
        assertEquals(Set.of(true, false), verdicts);
        double f1 = Confusion.of(predicted, EmbeddingFitter.labels(data.rows(), KnownAnswerStudy.THRESHOLD)).f1();
        assertTrue(f1 > 0.9, "the spectrum decides this study: F1 " + f1);
    }

    @Test
    void theShippedFeatureValidationIsTypedAndWrittenBackInItsOrder() throws Exception {
        Embedding e = Embedding.loadShipped("smnist-e10");
        BundleValidation v = FeatureSpec.of(e).validation();
        assertEquals("logistic per fraction", v.classifier());
        assertEquals(561, v.rows());
        assertEquals("probability cut tuned on these validation runs", v.note());
        assertEquals(BundleManifest.json().valueToTree(e.manifest().features().get("validation")).toString(),
                BundleManifest.json().readTree(BundleManifest.json().writeValueAsBytes(v)).toString(), "same keys, same order");
    }

    @Test
    void aMalformedFeatureValidationIsRefusedNamingTheField() throws Exception {
        Embedding e = Embedding.loadShipped("smnist-e10");
        Map<String, Object> features = new LinkedHashMap<>(e.manifest().features());
        Map<String, Object> validation = new LinkedHashMap<>(castMap(features.get("validation")));
        validation.put("precision", 1.2);
        features.put("validation", validation);
        Embedding bad = new Embedding(e.manifest().withFeatures(features), e.encoder());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> FeatureSpec.of(bad));
        assertTrue(x.getMessage().contains("validation.precision must be a number in [0, 1], got 1.2"), x.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
