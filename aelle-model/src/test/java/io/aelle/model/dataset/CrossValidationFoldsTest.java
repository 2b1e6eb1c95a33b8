package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidationFoldsTest {

    private final StudyDataset data = SyntheticStudy.of(53, 3, 6, 5);

    @Test
    void everyRunIsHeldOutExactlyOnceAndValidatedExactlyOnce() {
        List<CrossValidationFolds.Fold> folds = CrossValidationFolds.of(data, 5, 9);
        Map<String, Integer> tested = new HashMap<>();
        Map<String, Integer> validated = new HashMap<>();
        for (CrossValidationFolds.Fold f : folds) {
            for (String run : data.runIds()) {
                switch (f.partOf(run)) {
                    case TEST -> tested.merge(run, 1, Integer::sum);
                    case VALIDATION -> validated.merge(run, 1, Integer::sum);
                    case TRAIN -> { }
                }
            }
        }
        assertEquals(data.runIds().size(), tested.size());
        assertTrue(tested.values().stream().allMatch(n -> n == 1), "each run is a test run in one fold only");
        assertTrue(validated.values().stream().allMatch(n -> n == 1) && validated.size() == data.runIds().size());
    }

    @Test
    void foldsAreBalancedAndStratifiedByFinalLoss() {
        List<CrossValidationFolds.Fold> folds = CrossValidationFolds.of(data, 5, 9);
        List<String> byLoss = new ArrayList<>(data.runIds());
        byLoss.sort(Comparator.comparingDouble((String r) -> data.byRun().get(r).get(0).finalLoss()).thenComparing(r -> r));
        int[] sizes = new int[5];
        for (int block = 0; block < byLoss.size(); block += 5) {
            boolean[] seen = new boolean[5];
            for (int j = block; j < Math.min(block + 5, byLoss.size()); j++) {
                int fold = foldOf(folds, byLoss.get(j));
                assertTrue(!seen[fold], "each block of 5 runs adjacent in final loss is dealt to 5 different folds");
                seen[fold] = true;
                sizes[fold]++;
            }
        }
        int min = java.util.Arrays.stream(sizes).min().orElseThrow();
        int max = java.util.Arrays.stream(sizes).max().orElseThrow();
        assertTrue(max - min <= 1, java.util.Arrays.toString(sizes));
    }

    @Test
    void validationIsTheNextFold() {
        List<CrossValidationFolds.Fold> folds = CrossValidationFolds.of(data, 4, 9);
        for (String run : data.runIds()) {
            int test = foldOf(folds, run);
            assertEquals(RunPartition.Part.VALIDATION, folds.get((test + 3) % 4).partOf(run));
        }
    }

    @Test
    void theSeedDecidesTheFolds() {
        List<CrossValidationFolds.Fold> a = CrossValidationFolds.of(data, 5, 9);
        assertEquals(a, CrossValidationFolds.of(data, 5, 9));
        assertNotEquals(a, CrossValidationFolds.of(data, 5, 10));
    }

    @Test
    void tooFewFoldsOrRunsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.of(data, 2, 1))
                .getMessage().contains("at least 3 folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.of(SyntheticStudy.of(7, 2, 4, 1), 5, 1))
                .getMessage().contains("needs at least 10"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.of(data, 5, 9).get(0).partOf("nope"))
                .getMessage().contains("'nope'"));
    }

    private static int foldOf(List<CrossValidationFolds.Fold> folds, String run) {
        for (CrossValidationFolds.Fold f : folds) {
            if (f.partOf(run) == RunPartition.Part.TEST) {
                return f.index();
            }
        }
        throw new AssertionError(run);
    }
}
