package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.autotrain.AutoTraining;
import io.aelle.model.embedding.training.AelleTrainer;
import io.aelle.model.embedding.training.AlphaSchedule;
import io.aelle.model.embedding.BundleArchive;
import io.aelle.model.embedding.BundleProvenance;
import io.aelle.model.embedding.EmbeddingType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trainer's rule on known-answer studies: it publishes where the spectrum decides the outcome, and refuses where
 * the early losses do (the loss baselines are the bar).
 */
class AutoTrainingTest {

    private static final Instant NOW = Instant.parse("2026-11-30T13:00:00Z");
    /** A small AeLLE network and a short schedule: 30 runs of 6-exponent spectra need no more. */
    private final AutoTraining training = new AutoTraining(AutoTraining.Settings.defaults().withMinRuns(24)
            .withEmbedding(EmbeddingType.AELLE)
            .withAelle(new AelleTrainer.Settings(List.of(32, 16), 4, 0.1, 1, AlphaSchedule.parse("5:15,10:15"), 1e-3, 64, 1)));

    @Test
    void trainsWhenNoBundleOrTheAutoTrainedOneUsedHalfTheRunsAndNeverReplacesAHandPublishedOne() {
        assertTrue(training.whyNotNow(23, null).contains("24 needed"));
        assertNull(training.whyNotNow(24, null));
        BundleProvenance auto = new BundleProvenance("s", "aelle", BundleProvenance.AUTO_TRAINED, 24, 0.8, "loss-median", 0.7, NOW.toString());
        assertTrue(training.whyNotNow(47, auto).contains("once 48 have finished"));
        assertNull(training.whyNotNow(48, auto));
        BundleProvenance byHand = new BundleProvenance("s", "aelle", BundleProvenance.PUBLISHED, 0, Double.NaN, null, Double.NaN, NOW.toString());
        assertTrue(training.whyNotNow(500, byHand).contains("published by hand"));
    }

    @Test
    void publishesABundleWhenTheSpectrumDecidesTheOutcome() {
        var data = KnownAnswerStudy.of(KnownAnswerStudy.Source.SPECTRUM, 30, 4, 11, false);
        AutoTraining.Result r = training.train(data, NOW, what -> { });
        AutoTraining.Trained t = assertInstanceOf(AutoTraining.Trained.class, r, r.summary());
        assertTrue(t.f1() > t.baselineF1(), r.summary());
        BundleProvenance p = BundleArchive.parse(t.bundle().toBytes()).provenance().orElseThrow();
        assertEquals(30, p.runs());
        assertEquals(BundleProvenance.AUTO_TRAINED, p.source());
        assertEquals(t.baseline(), p.baseline());
        assertEquals(NOW.toString(), p.createdAt());
        assertTrue(t.bundle().entries().contains(BundleArchive.REPORT));
        // The bundle it publishes calls the held-out separable rows right most of the time.
        long right = data.rows().stream().filter(row -> row.epoch() == 2)
                .filter(row -> t.bundle().embedding().project(row.spectrum(), row.fraction()).likelyLowError() == row.lowError(1.0))
                .count();
        assertTrue(right >= 24, right + " of 30 runs right at 50% of training");
    }

    @Test
    void refusesWhenTheEarlyLossesDecideTheOutcomeAndSaysWhy() {
        var data = KnownAnswerStudy.of(KnownAnswerStudy.Source.LOSS_RANK, 30, 4, 12, false);
        AutoTraining.Result r = training.train(data, NOW, what -> { });
        AutoTraining.Refused refused = assertInstanceOf(AutoTraining.Refused.class, r, r.summary());
        assertTrue(refused.reason().contains("not above the strongest baseline"), refused.reason());
        assertNotNull(refused.report());
    }

    @Test
    void refusesWhenAClassHasTooFewRuns() {
        var data = KnownAnswerStudy.of(KnownAnswerStudy.Source.SPECTRUM, 30, 4, 11, false);
        List<DatasetRow> mostlyHigh = data.rows().stream().filter(row -> !row.lowError(1.0) || row.runId().compareTo("run-008") < 0).toList();
        AutoTraining.Result r = training.train(data.withRows(mostlyHigh), NOW, what -> { });
        assertTrue(assertInstanceOf(AutoTraining.Refused.class, r).reason().contains("of each class needed"), r.summary());
    }
}
