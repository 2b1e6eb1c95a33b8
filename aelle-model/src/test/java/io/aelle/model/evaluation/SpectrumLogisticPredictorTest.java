package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpectrumLogisticPredictorTest {

    @Test
    void learnsTheSyntheticStudyFromTheSpectrumAlone() {
        StudyDataset data = SyntheticStudy.of(80, 4, 8, 22);
        double t = data.header().lossThreshold();
        List<DatasetRow> train = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.TRAIN);
        List<DatasetRow> val = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.VALIDATION);
        List<DatasetRow> test = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.TEST);
        SpectrumLogisticPredictor p = SpectrumLogisticPredictor.fit(train, val, t);
        assertEquals("spectrum-logistic", p.name());
        assertEquals("logistic", p.classifier());
        assertEquals(8, p.model().weights().length, "one weight per spectrum value");
        double late = SpectrumPcaPredictorTest.f1(p, test, 1.0, t);
        assertTrue(late > 0.8, "held-out runs at the end of training: F1 " + late);
        for (DatasetRow r : test) {
            assertEquals(p.lowError(r), p.lowError(SpectrumPcaPredictorTest.withOtherLosses(r)), "no loss leaks into " + r.key());
        }
    }

    @Test
    void theFitIsDeterministic() {
        StudyDataset data = SyntheticStudy.of(40, 2, 6, 23);
        double t = data.header().lossThreshold();
        List<DatasetRow> train = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.TRAIN);
        List<DatasetRow> val = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.VALIDATION);
        SpectrumLogisticPredictor a = SpectrumLogisticPredictor.fit(train, val, t);
        SpectrumLogisticPredictor b = SpectrumLogisticPredictor.fit(train, val, t);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.model().weights(), b.model().weights(), 0.0);
        assertEquals(a.model().bias(), b.model().bias(), 0.0);
    }
}
