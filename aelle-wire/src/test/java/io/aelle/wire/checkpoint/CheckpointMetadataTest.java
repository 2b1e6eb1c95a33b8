package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.SafetensorsFormatException.Rule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointMetadataTest {

    private static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("aelle.run_id", "run-1");
        m.put("aelle.study_id", "study-1");
        m.put("aelle.epoch", "3");
        m.put("aelle.total_epochs", "12");
        return m;
    }

    private static Rule violation(Map<String, String> meta) {
        return assertThrows(SafetensorsFormatException.class, () -> CheckpointMetadata.parse(meta)).rule();
    }

    @Test
    void parsesEveryFieldAndRoundTrips() {
        Map<String, String> m = valid();
        m.put("aelle.val_loss", "0.125");
        m.put("aelle.train_loss", " 2.5e-1 ");
        m.put("aelle.arch", "gru");
        m.put("aelle.layer_prefix", "rnn_layer.");
        m.put("aelle.hparams", "{\"lr\": 0.01, \"init_p\": 1.2}");
        m.put("aelle.created_at", "2026-11-24T06:00:00+01:00");
        CheckpointMetadata meta = CheckpointMetadata.parse(m);
        assertEquals(0.25, meta.fraction());
        assertEquals(0.125, meta.valLoss().getAsDouble());
        assertEquals(0.25, meta.trainLoss().getAsDouble());
        assertEquals("gru", meta.archOverride().orElseThrow());
        assertEquals(Instant.parse("2026-11-24T05:00:00Z"), meta.createdAt());
        assertEquals(meta, CheckpointMetadata.parse(meta.toMap()));
    }

    @Test
    void missingRequiredMetadata() {
        for (String key : new String[] {"aelle.run_id", "aelle.study_id", "aelle.epoch", "aelle.total_epochs"}) {
            Map<String, String> m = valid();
            m.remove(key);
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> CheckpointMetadata.parse(m));
            assertEquals(Rule.MISSING_METADATA, e.rule());
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        Map<String, String> blank = valid();
        blank.put("aelle.run_id", "  ");
        assertEquals(Rule.MISSING_METADATA, violation(blank));
    }

    @Test
    void malformedMetadata() {
        Map<String, Map.Entry<String, String>> cases = Map.of(
                "epoch not an integer", Map.entry("aelle.epoch", "1.0"),
                "negative epoch", Map.entry("aelle.epoch", "-1"),
                "epoch beyond total", Map.entry("aelle.epoch", "13"),
                "zero total", Map.entry("aelle.total_epochs", "0"),
                "loss not a number", Map.entry("aelle.val_loss", "low"),
                "unknown arch", Map.entry("aelle.arch", "transformer"),
                "hparams not an object", Map.entry("aelle.hparams", "[1,2]"),
                "hparams not JSON", Map.entry("aelle.hparams", "{lr: 1"),
                "date not ISO-8601", Map.entry("aelle.created_at", "yesterday"));
        cases.forEach((what, entry) -> {
            Map<String, String> m = valid();
            m.put(entry.getKey(), entry.getValue());
            assertEquals(Rule.BAD_METADATA, violation(m), what);
        });
    }

    @Test
    void checkpointParsesFromAFileWithoutTheRequiredMetadataOnlyWithAnError() {
        byte[] bytes = new SafetensorsFile(Map.of("w", new Tensor("w", new int[] {1}, new double[] {1})), Map.of("arch", "rnn")).toBytes();
        assertEquals(Rule.MISSING_METADATA, assertThrows(SafetensorsFormatException.class, () -> Checkpoint.parse(bytes)).rule());
    }
}
