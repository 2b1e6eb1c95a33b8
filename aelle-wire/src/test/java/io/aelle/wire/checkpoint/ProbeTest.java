package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aelle.wire.checkpoint.SafetensorsFormatException.Rule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeTest {

    private static final Tensor INPUTS = new Tensor("x", new int[] {2, 3, 1}, new double[] {1, 2, 3, 4, 5, 6});

    @Test
    void roundTripsThroughSafetensors() {
        Probe probe = new Probe("s", "sine", 0.05, "BENETTIN", 20, INPUTS);
        assertEquals("benettin", probe.convention(), "convention normalised");
        Probe back = Probe.parse(probe.toBytes());
        assertEquals(probe.studyId(), back.studyId());
        assertEquals(probe.task(), back.task());
        assertEquals(probe.lossThreshold(), back.lossThreshold());
        assertEquals(probe.convention(), back.convention());
        assertEquals(probe.warmup(), back.warmup());
        assertEquals(2, back.sequences());
        assertEquals(3, back.steps());
        assertEquals(1, back.inputSize());
        assertEquals(INPUTS.shapeString(), back.inputs().shapeString());
    }

    @Test
    void defaultsForOptionalSettings() {
        byte[] bytes = file(Map.of("aelle.study_id", "s", "aelle.loss_threshold", "0.1"), INPUTS);
        Probe p = Probe.parse(bytes);
        assertEquals("reference", p.convention());
        assertEquals(500, p.warmup());
    }

    @Test
    void rejectsBrokenProbes() {
        assertEquals(Rule.MISSING_METADATA, rule(file(Map.of("aelle.loss_threshold", "0.1"), INPUTS)));
        assertEquals(Rule.MISSING_METADATA, rule(file(Map.of("aelle.study_id", "s"), INPUTS)));
        assertEquals(Rule.BAD_METADATA, rule(file(Map.of("aelle.study_id", "s", "aelle.loss_threshold", "x"), INPUTS)));
        assertEquals(Rule.BAD_METADATA, rule(file(Map.of("aelle.study_id", "s", "aelle.loss_threshold", "0.1",
                "aelle.le.convention", "magic"), INPUTS)));
        assertEquals(Rule.BAD_METADATA, rule(file(Map.of("aelle.study_id", "s", "aelle.loss_threshold", "0.1",
                "aelle.le.warmup", "-3"), INPUTS)));
        assertEquals(Rule.BAD_METADATA, rule(file(Map.of("aelle.study_id", "s", "aelle.loss_threshold", "0.1"),
                new Tensor("x", new int[] {6}, INPUTS.data()))), "inputs must be (B, T, I)");
        byte[] noInputs = new SafetensorsFile(Map.of("other", INPUTS), Map.of("aelle.study_id", "s", "aelle.loss_threshold", "0.1")).toBytes();
        assertEquals(Rule.MISSING_METADATA, rule(noInputs));
    }

    private static Rule rule(byte[] bytes) {
        return assertThrows(SafetensorsFormatException.class, () -> Probe.parse(bytes)).rule();
    }

    private static byte[] file(Map<String, String> meta, Tensor inputs) {
        return new SafetensorsFile(Map.of(Probe.INPUTS, inputs), new LinkedHashMap<>(meta)).toBytes();
    }
}
