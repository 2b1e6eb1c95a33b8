package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.classify.ClassifierChoice;
import io.aelle.model.confusion.Confusion;
import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpectrumPcaPredictorTest {

    /** F1 of a predictor on the rows at one fraction. */
    static double f1(Predictor p, List<DatasetRow> rows, double fraction, double threshold) {
        List<DatasetRow> at = rows.stream().filter(r -> r.fractionKey() == fraction).toList();
        boolean[] predicted = new boolean[at.size()];
        boolean[] actual = new boolean[at.size()];
        for (int i = 0; i < at.size(); i++) {
            predicted[i] = p.lowError(at.get(i));
            actual[i] = at.get(i).lowError(threshold);
        }
        return Confusion.of(predicted, actual).f1();
    }

    /** The same checkpoint with other losses: a spectrum predictor must not look at them. */
    static DatasetRow withOtherLosses(DatasetRow r) {
        return new DatasetRow(r.runId(), r.hparams(), r.epoch(), r.totalEpochs(), 1e6 - r.valLoss(), -r.finalLoss(), r.rawLength(),
                r.spectrum());
    }

    @Test
    void learnsTheSyntheticStudyFromTheSpectrumAlone() {
        StudyDataset data = SyntheticStudy.of(80, 4, 8, 21);
        double t = data.header().lossThreshold();
        List<DatasetRow> train = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.TRAIN);
        List<DatasetRow> val = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.VALIDATION);
        List<DatasetRow> test = RunSplit.DEFAULT.rows(data.rows(), RunSplit.Part.TEST);
        SpectrumPcaPredictor p = SpectrumPcaPredictor.fit(train, val, t);
        assertEquals("spectrum-pca", p.name());
        assertTrue(ClassifierChoice.NAMES.contains(p.classifier()), p.classifier());
        assertEquals(2, p.pca().components().length, "a plane");
        double late = f1(p, test, 1.0, t);
        assertTrue(late > 0.75, "held-out runs at the end of training: F1 " + late);
        for (DatasetRow r : test) {
            assertEquals(p.lowError(r), p.lowError(withOtherLosses(r)), "no loss leaks into the verdict of " + r.key());
        }
    }
}
