package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.model.lyapunov.djl.TangentPrecision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlLyapunovBenchTest {

    @Test
    void timesABatchAndSkipsOneThatWouldOverrunTheLimit() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the first batch sets the per-checkpoint estimate; 1000 checkpoints at that rate exceed 1 s
        new DjlLyapunovBench().run("cpu", TangentPrecision.MIXED, 16, SpectrumSettings.defaults().withWarmup(10), 5,
                List.of(64), List.of(1, 1000), 1, 1.0, new PrintWriter(out, true), new PrintWriter(err, true));
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out + "\n" + err);
        ObjectMapper json = new ObjectMapper();
        JsonNode timed = json.readTree(lines.get(0));
        assertEquals("lstm_n64", timed.get("case").textValue());
        assertEquals("djl", timed.get("backend").textValue());
        assertEquals("mixed", timed.get("precision").textValue());
        assertEquals(1, timed.get("checkpoints").intValue());
        assertEquals(16, timed.get("panel_width").intValue());
        assertEquals(10, timed.get("warmup").intValue());
        assertEquals(5, timed.get("steps").intValue());
        assertEquals(1.0, timed.get("qr_per_step").doubleValue());
        assertTrue(timed.get("seconds").doubleValue() > 0 && timed.get("spectra_per_second").doubleValue() > 0, lines.get(0));
        JsonNode skipped = json.readTree(lines.get(1));
        assertEquals(1000, skipped.get("checkpoints").intValue());
        assertTrue(skipped.get("skipped").textValue().contains("> --max-seconds 1"), lines.get(1));
        assertTrue(!skipped.has("seconds"));
    }
}
