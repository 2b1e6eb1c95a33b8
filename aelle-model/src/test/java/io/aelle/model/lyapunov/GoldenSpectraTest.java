package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case of /work/shared/golden/lyapunov under both conventions, per sequence and mean. */
class GoldenSpectraTest {

    static Path goldenDir() {
        String shared = System.getProperty("aelle.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property aelle.shared.dir is not set (surefire sets it)");
        }
        return Path.of(shared, "golden", "lyapunov");
    }

    static List<String> caseNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(goldenDir())) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
        }
        assertTrue(names.size() >= 5, "expected the golden cases in " + goldenDir() + ", found " + names);
        return names;
    }

    static Stream<Arguments> cases() throws IOException {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String name : caseNames()) {
            for (Convention c : Convention.values()) {
                for (int every : new int[] {1, 0}) {
                    b.add(Arguments.of(name, c, every));
                }
            }
        }
        return b.build();
    }

    record GoldenCase(RecurrentNetwork network, Tensor inputs, JsonNode json) {
        static GoldenCase load(String name) throws IOException {
            Path dir = goldenDir();
            JsonNode json = new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
            RecurrentNetwork net = RecurrentNetwork.fromTensors(
                    SafetensorsFile.read(dir.resolve(name + ".safetensors")).tensors(), json.get("arch").asText(), null);
            Tensor inputs = SafetensorsFile.read(dir.resolve(name + ".inputs.safetensors")).tensor("inputs");
            return new GoldenCase(net, inputs, json);
        }

        SpectrumSettings settings(Convention c, int orthonormalizeEvery) {
            JsonNode conv = json.get(c.id());
            SpectrumSettings s = SpectrumSettings.defaults().withConvention(c).withOrthonormalizeEvery(orthonormalizeEvery);
            return c == Convention.REFERENCE ? s.withWarmup(conv.get("warmup").asInt()) : s.withDiscard(conv.get("discard").asInt());
        }
    }

    @ParameterizedTest(name = "{0} {1} orthonormalizeEvery={2}")
    @MethodSource("cases")
    void matchesGoldenSpectra(String name, Convention convention, int every) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        JsonNode expected = g.json().get(convention.id());
        double tol = expected.get("tolerance_abs_float64").asDouble();
        assertEquals(g.json().get("hidden_size").asInt(), g.network().hiddenSize());
        assertEquals(g.json().get("input_size").asInt(), g.network().inputSize());
        assertEquals(g.json().get("bias").asBoolean(), g.network().hasBias());
        SpectrumResult r;
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine()) {
            r = engine.compute(g.network(), g.inputs(), g.settings(convention, every));
        }
        JsonNode per = expected.get("per_sequence");
        assertEquals(per.size(), r.perSequence().length);
        for (int b = 0; b < per.size(); b++) {
            assertVector(per.get(b), r.perSequence()[b], tol, name + " sequence " + b);
        }
        assertVector(expected.get("mean"), r.mean(), tol, name + " mean");
    }

    private static void assertVector(JsonNode expected, double[] actual, double tol, String what) {
        assertEquals(expected.size(), actual.length, what + ": length");
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected.get(i).asDouble(), actual[i], tol, what + ": exponent " + i);
        }
    }
}
