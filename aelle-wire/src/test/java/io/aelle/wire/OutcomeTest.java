package io.aelle.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void roundTripsAsTheDocumentedJson() {
        Outcome o = new Outcome("run-1", "study-1", 0.0625, 12, Outcome.STOPPED_EARLY);
        String json = new String(o.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"final_val_loss\":0.0625") && json.contains("\"epochs_completed\":12"), json);
        assertEquals(o, Outcome.parse(o.toJson()));
    }

    @Test
    void aRunWithoutAFiniteLossIsWrittenAsNullAndReadBackAsNaN() {
        Outcome failed = new Outcome("run-2", "study-1", Double.NaN, 0, Outcome.FAILED);
        String json = new String(failed.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"final_val_loss\":null"), json);
        Outcome back = Outcome.parse(failed.toJson());
        assertTrue(Double.isNaN(back.finalValLoss()));
        assertEquals(failed.status(), back.status());
    }

    @Test
    void anAuditIsMarkedAndAnythingElseIsNot() {
        Outcome audit = new Outcome("run-3", "study-1", 0.7, 12, Outcome.COMPLETED, true);
        assertTrue(new String(audit.toJson(), StandardCharsets.UTF_8).contains("\"audit\":true"));
        assertEquals(audit, Outcome.parse(audit.toJson()));
        Outcome plain = new Outcome("run-4", "study-1", 0.7, 12, Outcome.COMPLETED);
        assertTrue(!new String(plain.toJson(), StandardCharsets.UTF_8).contains("audit"), "absent unless an audit");
        assertTrue(!Outcome.parse(plain.toJson()).audit());
        assertMessage("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":1,\"epochs_completed\":2,\"status\":\"completed\",\"audit\":\"yes\"}",
                "audit must be true or false");
    }

    @Test
    void namesWhatIsWrong() {
        assertMessage("{\"run_id\":\"r\",\"study_id\":\"s\",\"epochs_completed\":3,\"status\":\"completed\"}", "final_val_loss");
        assertMessage("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":\"low\",\"epochs_completed\":3,\"status\":\"completed\"}",
                "final_val_loss must be a number");
        assertMessage("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":1,\"epochs_completed\":2.5,\"status\":\"completed\"}",
                "epochs_completed must be an integer");
        assertMessage("{\"run_id\":\"r\",\"study_id\":\"s\",\"final_val_loss\":1,\"epochs_completed\":2,\"status\":\"done\"}", "status");
        assertMessage("{\"run_id\":\"r\",", "bad outcome JSON");
        assertMessage("[]", "not a JSON object");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Outcome.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
