package io.aelle.model.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationsTest {

    @Test
    void isAPermutationDeterminedByTheSeed() {
        int[] p = Permutations.shuffled(100, new Random(7));
        assertArrayEquals(IntStream.range(0, 100).toArray(), Arrays.stream(p).sorted().toArray());
        assertArrayEquals(p, Permutations.shuffled(100, new Random(7)));
        assertFalse(Arrays.equals(p, IntStream.range(0, 100).toArray()), "100 elements left in order by a shuffle");
    }

    @Test
    void matchesAHandRunFisherYates() {
        Random r = new Random(3);
        int[] expected = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, Permutations.shuffled(4, new Random(3)));
        assertArrayEquals(new int[0], Permutations.shuffled(0, new Random(1)));
    }
}
