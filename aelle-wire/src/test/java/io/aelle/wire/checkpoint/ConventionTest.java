package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConventionTest {

    @Test
    void idsAreLowerCaseAndParseBack() {
        assertEquals("reference", Convention.REFERENCE.id());
        assertEquals("benettin", Convention.BENETTIN.id());
        for (Convention c : Convention.values()) {
            assertEquals(c, Convention.parse(c.id()));
        }
        assertEquals(Convention.BENETTIN, Convention.parse(" Benettin\n"), "case and surrounding blanks do not matter");
    }

    @Test
    void unknownNamesAreNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convention.parse("qr"));
        assertTrue(e.getMessage().contains("'qr'") && e.getMessage().contains("reference or benettin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Convention.parse(""));
    }
}
