package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden checkpoint and probe input (written by Python's safetensors) reads with the shapes its case declares. */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of(System.getProperty("aelle.shared.dir", "../../shared"), "golden", "lyapunov");

    static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
            assertFalse(names.isEmpty(), "no golden cases in " + GOLDEN);
            return names;
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void checkpointHasPyTorchLayout(String name) throws IOException {
        JsonNode c = new ObjectMapper().readTree(GOLDEN.resolve(name + ".json").toFile());
        int n = c.get("hidden_size").asInt();
        int in = c.get("input_size").asInt();
        int gates = switch (c.get("arch").asText()) {
            case "rnn" -> 1;
            case "gru" -> 3;
            case "lstm" -> 4;
            default -> throw new AssertionError("unknown arch in " + name);
        };
        SafetensorsFile f = SafetensorsFile.read(GOLDEN.resolve(name + ".safetensors"));
        assertArrayEquals(new int[] {gates * n, in}, f.tensor("rnn_layer.weight_ih_l0").shape());
        assertArrayEquals(new int[] {gates * n, n}, f.tensor("rnn_layer.weight_hh_l0").shape());
        boolean bias = c.get("bias").asBoolean();
        assertEquals(bias, f.tensor("rnn_layer.bias_ih_l0") != null);
        assertEquals(bias, f.tensor("rnn_layer.bias_hh_l0") != null);
        if (bias) {
            assertArrayEquals(new int[] {gates * n}, f.tensor("rnn_layer.bias_hh_l0").shape());
        }
        assertEquals(n, f.tensor("fc.weight").dim(1));
        for (Tensor t : f.tensors().values()) {
            assertTrue(java.util.Arrays.stream(t.data()).allMatch(Double::isFinite), t + " has non-finite values");
        }
        assertEquals(c.get("arch").asText(), f.metadata().get("arch"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void inputsAreBatchStepsFeatures(String name) throws IOException {
        JsonNode c = new ObjectMapper().readTree(GOLDEN.resolve(name + ".json").toFile());
        SafetensorsFile f = SafetensorsFile.read(GOLDEN.resolve(name + ".inputs.safetensors"));
        Tensor inputs = f.tensor("inputs");
        assertArrayEquals(new int[] {c.get("sequences").asInt(), c.get("steps").asInt(), c.get("input_size").asInt()}, inputs.shape());
        assertTrue(java.util.Arrays.stream(inputs.data()).anyMatch(v -> v != 0), "inputs are not all zero");
    }
}
