package io.aelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        CliRun r = CliRun.of("spectrum", "--checkpoint", GOLDEN.resolve("gru_h12_bias.safetensors").toString(),
                "--inputs", GOLDEN.resolve("rnn_h16_bias.inputs.safetensors").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: inputs have 4 features per step"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void goldenCaseRunsAndPrintsJson() {
        CliRun r = CliRun.of("spectrum", "--checkpoint", GOLDEN.resolve("gru_h16_nobias.safetensors").toString(),
                "--inputs", GOLDEN.resolve("gru_h16_nobias.inputs.safetensors").toString(), "--format", "json");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("{\"arch\":\"gru\",\"layers\":1,\"hidden_size\":16,\"convention\":\"reference\""),
                r.out());
    }
}
