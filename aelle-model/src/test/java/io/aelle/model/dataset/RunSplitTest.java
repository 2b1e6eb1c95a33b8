package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunSplitTest {

    private static List<String> runIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("study-r%05d", i));
        }
        return ids;
    }

    @Test
    void sharesAreMetOnManyRuns() {
        Map<RunSplit.Part, Integer> counts = new EnumMap<>(RunSplit.Part.class);
        List<String> ids = runIds(20_000);
        for (String id : ids) {
            counts.merge(RunSplit.DEFAULT.partOf(id), 1, Integer::sum);
        }
        // binomial standard deviations are about 0.003: 0.015 is five of them
        assertEquals(0.6, counts.get(RunSplit.Part.TRAIN) / 20_000.0, 0.015);
        assertEquals(0.2, counts.get(RunSplit.Part.VALIDATION) / 20_000.0, 0.015);
        assertEquals(0.2, counts.get(RunSplit.Part.TEST) / 20_000.0, 0.015);
        assertEquals(counts.get(RunSplit.Part.TEST).longValue(), RunSplit.DEFAULT.runs(ids, RunSplit.Part.TEST));
    }

    @Test
    void aRunsPartDependsOnlyOnSeedAndRunId() {
        RunSplit a = new RunSplit(7, 0.5, 0.25);
        RunSplit same = new RunSplit(7, 0.5, 0.25);
        RunSplit other = new RunSplit(8, 0.5, 0.25);
        int moved = 0;
        for (String id : runIds(500)) {
            assertEquals(a.partOf(id), same.partOf(id), id);
            moved += a.partOf(id) == other.partOf(id) ? 0 : 1;
        }
        assertTrue(moved > 100, "another seed gives another split: " + moved + " of 500 runs moved");
    }

    @Test
    void rowsKeepEveryRunWholeAndThePartsCoverTheStudyOnce() {
        StudyDataset data = SyntheticStudy.of(30, 5, 4, 3);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (RunSplit.Part part : RunSplit.Part.values()) {
            List<DatasetRow> rows = RunSplit.DEFAULT.rows(data.rows(), part);
            total += rows.size();
            Set<String> runs = new HashSet<>();
            for (DatasetRow r : rows) {
                assertEquals(part, RunSplit.DEFAULT.partOf(r.runId()));
                runs.add(r.runId());
            }
            for (String run : runs) {
                assertEquals(6, rows.stream().filter(r -> r.runId().equals(run)).count(), "all 6 epochs of " + run + " in " + part);
                assertTrue(seen.add(run), run + " is in one part only");
            }
            assertEquals(runs.size(), RunSplit.DEFAULT.runs(data.runIds(), part));
        }
        assertEquals(data.rows().size(), total);
        assertEquals(30, seen.size());
    }

    @Test
    void sharesMustLeaveRoomForEveryPart() {
        for (double[] bad : new double[][] {{0, 0.2}, {0.6, 0}, {-0.1, 0.2}, {0.8, 0.2}, {0.9, 0.3}, {Double.NaN, 0.2}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunSplit(1, bad[0], bad[1]),
                    bad[0] + ", " + bad[1]);
            assertTrue(e.getMessage().startsWith("split shares"), e.getMessage());
        }
    }
}
