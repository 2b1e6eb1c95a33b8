package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingTypeTest {

    @Test
    void idsAreTheNamesOfCliBundleAndReport() {
        assertEquals(List.of("aelle", "dsae", "dsae-sparse", "dsae-supervised"),
                Arrays.stream(EmbeddingType.values()).map(EmbeddingType::id).toList());
        for (EmbeddingType t : EmbeddingType.values()) {
            assertEquals(t, EmbeddingType.parse(t.id()));
            assertEquals(t, EmbeddingType.parse(" " + t.id().toUpperCase() + " "));
        }
    }

    @Test
    void onlyAelleIsNotADsae() {
        assertFalse(EmbeddingType.AELLE.isDsae());
        assertTrue(EmbeddingType.DSAE.isDsae() && EmbeddingType.DSAE_SPARSE.isDsae() && EmbeddingType.DSAE_SUPERVISED.isDsae());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddingType.parse("dsae_sparse"));
        assertTrue(e.getMessage().contains("'dsae_sparse'") && e.getMessage().contains("dsae-sparse"), e.getMessage());
    }
}
