package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.dataset.DatasetRow;
import io.aelle.model.dataset.RunPartition;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EvaluateCommandTest {

    @Test
    void withoutTestRunsKeepsEveryTrainingAndValidationRunWholeAndNoTestRun() {
        StudyDataset data = SyntheticStudy.of(50, 3, 6, 2);
        RunSplit split = RunSplit.seeded(11);
        StudyDataset kept = EvaluateCommand.withoutTestRuns(data, split);
        Set<String> runs = kept.rows().stream().map(DatasetRow::runId).collect(Collectors.toSet());
        Set<String> expected = data.rows().stream().map(DatasetRow::runId)
                .filter(r -> split.partOf(r) != RunPartition.Part.TEST).collect(Collectors.toSet());
        assertEquals(expected, runs);
        assertTrue(runs.size() < 50 && runs.size() > 30, "about a fifth of the runs are test runs: " + runs.size());
        assertEquals(runs.size() * 4, kept.rows().size(), "each kept run with all its checkpoints");
    }
}
