package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HparamsEncoderTest {

    @Test
    void positiveNumbersOnALogScaleOthersAsTheyAreStringsOneHotAndSeedsLeftOut() {
        HparamsEncoder e = HparamsEncoder.fit(List.of("{\"lr\":0.01,\"shift\":-1,\"arch\":\"lstm\",\"seed\":5}",
                "{\"lr\":0.1,\"shift\":2,\"arch\":\"gru\",\"seed\":-7}"));
        assertEquals(List.of("log(lr)", "shift", "arch=gru", "arch=lstm"), e.names());
        assertArrayEquals(new double[] {Math.log(0.01), -1, 0, 1}, e.encode("{\"lr\":0.01,\"shift\":-1,\"arch\":\"lstm\",\"seed\":1}"), 1e-12);
        double meanLogLr = (Math.log(0.01) + Math.log(0.1)) / 2;
        assertArrayEquals(new double[] {meanLogLr, 0.5, 0, 0}, e.encode("{\"arch\":\"rnn\"}"), 1e-12,
                "missing numbers: the training mean; an unseen string: no category");
    }

    @Test
    void runsWithoutHyperparametersGiveNoFeaturesAndBadTextIsNamed() {
        assertEquals(0, HparamsEncoder.fit(List.of("{}", "", "{\"seed\":3}")).size());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> HparamsEncoder.fit(List.of("[1, 2]")));
        assertTrue(bad.getMessage().contains("[1, 2]"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HparamsEncoder.fit(List.of("{lr:")));
    }
}
