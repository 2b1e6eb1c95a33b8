package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SpectrumCommandTest {

    private static final Path GOLDEN = Path.of(System.getProperty("aelle.shared.dir"), "golden", "lyapunov");

    /** Runs the command as AelleMonitorCli does: expected user errors print one line and exit 2. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SpectrumCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IOException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static String golden(String file) {
        return GOLDEN.resolve(file).toString();
    }

    @Test
    void jsonOutputFollowsTheContractAndMatchesTheGoldenSpectra() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(GOLDEN.resolve("rnn_h16_bias.json").toFile()).get("benettin");
        String[] r = run("--checkpoint", golden("rnn_h16_bias.safetensors"), "--inputs", golden("rnn_h16_bias.inputs.safetensors"),
                "--convention", "benettin", "--discard", expected.get("discard").asText(), "--format", "json");
        assertEquals("0", r[0], r[2]);
        JsonNode o = new ObjectMapper().readTree(r[1]);
        assertEquals("rnn", o.get("arch").asText());
        assertEquals(1, o.get("layers").asInt());
        assertEquals(16, o.get("hidden_size").asInt());
        assertEquals("benettin", o.get("convention").asText());
        assertTrue(o.get("seconds").asDouble() >= 0);
        double tol = expected.get("tolerance_abs_float64").asDouble();
        for (int i = 0; i < 16; i++) {
            assertEquals(expected.get("mean").get(i).asDouble(), o.get("mean").get(i).asDouble(), tol);
            assertEquals(expected.get("per_sequence").get(1).get(i).asDouble(), o.get("per_sequence").get(1).get(i).asDouble(), tol);
        }
    }

    @Test
    void interpolatesTheMeanButNotThePerSequenceSpectra() throws IOException {
        String[] r = run("--checkpoint", golden("lstm_h8_bias_warm10.safetensors"), "--inputs", golden("lstm_h8_bias_warm10.inputs.safetensors"),
                "--warmup", "10", "--interpolate", "32", "--format", "json");
        assertEquals("0", r[0], r[2]);
        JsonNode o = new ObjectMapper().readTree(r[1]);
        assertEquals(32, o.get("mean").size());
        assertEquals(8, o.get("per_sequence").get(0).size());
        assertEquals("reference", o.get("convention").asText());
    }

    @Test
    void badFilesAndMismatchedShapesExitWithStatusTwoAndOneLine() {
        String[][] cases = {
                {"--checkpoint", golden("gru_h12_bias.safetensors"), "--inputs", golden("rnn_h16_bias.inputs.safetensors")},
                {"--checkpoint", golden("README.md"), "--inputs", golden("rnn_h16_bias.inputs.safetensors")},
                {"--checkpoint", golden("no-such.safetensors"), "--inputs", golden("rnn_h16_bias.inputs.safetensors")},
                {"--checkpoint", golden("rnn_h16_bias.safetensors"), "--inputs", golden("rnn_h16_bias.safetensors")},
                {"--checkpoint", golden("rnn_h16_bias.safetensors"), "--inputs", golden("rnn_h16_bias.inputs.safetensors"), "--convention", "qr"},
        };
        for (String[] args : cases) {
            String[] r = run(args);
            assertEquals("2", r[0], String.join(" ", args));
            assertTrue(r[2].startsWith("error: "), r[2]);
            assertEquals(1, r[2].strip().lines().count(), r[2]);
            assertFalse(r[2].contains("Exception"), r[2]);
        }
    }
}
