package io.aelle.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Files written by the Python client (clients/python, {@code aelle.checkpoint_bytes}, {@code make_probe},
 * {@code Outcome.to_json}): the Java readers parse them to the values the Python side wrote. The pytest
 * {@code test_java_reads_python.py} checks that the Python writer still writes exactly these bytes.
 */
class PythonClientFilesTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = PythonClientFilesTest.class.getResourceAsStream("/python-client/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void checkpointMetadataAndTensors() throws IOException {
        Checkpoint c = Checkpoint.parse(fixture("checkpoint.safetensors"));
        CheckpointMetadata m = c.metadata();
        assertEquals("py-run-ü", m.runId());
        assertEquals("py-study", m.studyId());
        assertEquals(3, m.epoch());
        assertEquals(10, m.totalEpochs());
        assertEquals(0.625, m.valLoss().getAsDouble());
        assertTrue(Double.isNaN(m.trainLoss().getAsDouble()));
        assertEquals("lstm", m.arch());
        assertEquals("rnn_layer.", m.layerPrefix());
        assertEquals("{\"hidden\": 3, \"lr\": 0.01}", m.hparams());
        assertEquals(Instant.parse("2026-11-30T12:34:56.789Z"), m.createdAt());
        // values = arange(60).reshape(12, 5) / 16 - 1; weight_ih is its first 2 columns, weight_hh the other 3.
        Tensor ih = c.tensors().get("rnn_layer.weight_ih_l0");
        Tensor hh = c.tensors().get("rnn_layer.weight_hh_l0");
        assertArrayEquals(new int[] {12, 2}, ih.shape());
        assertArrayEquals(new int[] {12, 3}, hh.shape());
        assertEquals(5 / 16.0 - 1, ih.data()[2]);
        assertEquals(59 / 16.0 - 1, hh.data()[hh.data().length - 1]);
        assertEquals(0.5, c.tensors().get("rnn_layer.bias_ih_l0").data()[11]);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, c.tensors().get("fc.weight").data()); // written as F64
    }

    @Test
    void probeSettingsAndInputs() throws IOException {
        Probe p = Probe.parse(fixture("probe.safetensors"));
        assertEquals("py-study", p.studyId());
        assertEquals("smnist", p.task());
        assertEquals(1.5, p.lossThreshold());
        assertEquals("benettin", p.convention());
        assertEquals(7, p.warmup());
        assertArrayEquals(new int[] {2, 4, 2}, p.inputs().shape());
        assertEquals(-1.0, p.inputs().data()[0]);
        assertEquals(1.0, p.inputs().data()[15]);
    }

    @Test
    void stoppedEarlyAuditOutcome() throws IOException {
        Outcome o = Outcome.parse(fixture("outcome.json"));
        assertEquals(new Outcome("py-run-ü", "py-study", Double.NaN, 4, Outcome.STOPPED_EARLY, true), o);
        assertArrayEquals(fixture("outcome.json"), o.toJson());
    }
}
