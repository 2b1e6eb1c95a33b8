package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchEmbeddingCommandTest {

    @Test
    void printsOneJsonLineOfThroughputs() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchEmbeddingCommand()).execute("--seconds", "0.3", "--threads", "2");
        } finally {
            System.setOut(out);
        }
        assertEquals(0, code);
        String text = o.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        JsonNode j = new ObjectMapper().readTree(text);
        assertEquals("embedding", j.get("bench").textValue());
        assertEquals("smnist-demo", j.get("study").textValue(), "the shipped bundle by default");
        assertEquals(2, j.get("threads").intValue());
        assertTrue(j.get("spectrum_length").intValue() > 0);
        assertTrue(j.get("projections_per_s_1_thread").doubleValue() > 0, text);
        assertTrue(j.get("projections_per_s").doubleValue() > 0, text);
    }

    @Test
    void nonsenseSettingsAreClearErrors() {
        BenchEmbeddingCommand c = new BenchEmbeddingCommand();
        c.threads = 0;
        c.seconds = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::call);
        assertTrue(e.getMessage().contains("--threads must be >= 1"), e.getMessage());
        c.threads = 1;
        c.seconds = 0;
        assertThrows(IllegalArgumentException.class, c::call);
    }
}
