package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureSetTest {

    @Test
    void namesAreCanonicalAndUnknownFeaturesAreNamed() {
        assertEquals("spectrum+loss+hparams", FeatureSet.parse("hparams + loss+SPECTRUM").id());
        assertTrue(FeatureSet.parse("embedding").embeddingOnly());
        assertFalse(FeatureSet.parse("embedding+loss").embeddingOnly());
        assertTrue(FeatureSet.parse("embedding+loss").lyapunov());
        assertFalse(FeatureSet.parse("loss+hparams").lyapunov());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureSet.parse("spectrum+lr")).getMessage().contains("'lr'"));
    }
}
