package io.aelle.monitor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The spectrum and bench commands as the launcher runs them: registered, and exit status 2 on bad input. */
class SpectrumCliTest {

    private static final Path GOLDEN = Path.of(System.getProperty("aelle.shared.dir"), "golden", "lyapunov");

    @Test
    void spectrumAndBenchLyapunovAreRegistered() {
        CommandLine cl = AelleMonitorCli.commandLine();
        assertTrue(cl.getSubcommands().containsKey("spectrum"));
        assertTrue(cl.getSubcommands().get("bench").getSubcommands().containsKey("lyapunov"));
    }

    @Test
    void mismatchedShapesExitWithStatusTwoAndAOneLineError() {
        CommandLine cl = AelleMonitorCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("spectrum", "--checkpoint", GOLDEN.resolve("gru_h12_bias.safetensors").toString(),
                "--inputs", GOLDEN.resolve("rnn_h16_bias.inputs.safetensors").toString());
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("error: inputs have 4 features per step"), err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }

    @Test
    void goldenCaseRunsAndPrintsJson() {
        CommandLine cl = AelleMonitorCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("spectrum", "--checkpoint", GOLDEN.resolve("gru_h16_nobias.safetensors").toString(),
                "--inputs", GOLDEN.resolve("gru_h16_nobias.inputs.safetensors").toString(), "--format", "json");
        assertEquals(0, code);
        assertTrue(out.toString().startsWith("{\"arch\":\"gru\",\"layers\":1,\"hidden_size\":16,\"convention\":\"reference\""),
                out.toString());
    }
}
