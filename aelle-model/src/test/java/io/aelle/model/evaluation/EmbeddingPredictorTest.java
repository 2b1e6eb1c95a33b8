package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import io.aelle.model.embedding.Embedding;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EmbeddingPredictorTest {

    @Test
    void givesTheBundlesVerdictAtTheRowsFractionFromTheSpectrumAlone() throws IOException {
        Embedding e = Embedding.loadShipped("synthetic-tiny");
        EmbeddingPredictor p = new EmbeddingPredictor(e);
        assertEquals("aelle", p.name());
        assertTrue(p.classifier().startsWith(e.classifier().name()), p.classifier());
        StudyDataset data = SyntheticStudy.of(20, 4, e.spectrumLength(), 31);
        int low = 0;
        for (DatasetRow r : data.rows()) {
            boolean verdict = p.lowError(r);
            assertEquals(e.project(r.spectrum(), r.fraction()).likelyLowError(), verdict, r.key());
            assertEquals(verdict, p.lowError(SpectrumPcaPredictorTest.withOtherLosses(r)), "no loss leaks into " + r.key());
            low += verdict ? 1 : 0;
        }
        assertTrue(low > 0 && low < data.rows().size(), "both verdicts occur: " + low + " of " + data.rows().size());
    }
}
