package io.aelle.model.lyapunov.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {

    @Test
    void engineIsLoadedOnce() {
        assertTrue(DjlRuntime.engine() == DjlRuntime.engine());
        assertEquals(DjlRuntime.ENGINE_NAME, DjlRuntime.engine().getEngineName());
    }

    @Test
    void noGpuResourceMeansCpu() {
        assertEquals(Device.cpu(), DjlRuntime.deviceForGpuIndexes(List.of(), 3));
        assertEquals(Device.cpu(), DjlRuntime.deviceForGpuIndexes(null, 0));
        assertEquals(Device.cpu(), DjlRuntime.device("cpu"));
    }

    @Test
    void badSettingsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("tpu"));
        assertTrue(e.getMessage().contains("tpu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DjlRuntime.deviceForGpuIndexes(List.of("x"), 0));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("gpu:-1"));
    }

    @Test
    void missingGpuIsAnErrorNotACpuFallback() {
        assumeTrue(DjlRuntime.gpuCount() == 0, "a GPU is present");
        assertEquals(Device.cpu(), DjlRuntime.device("auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("gpu"));
        assertTrue(e.getMessage().contains("sees 0 GPU"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DjlRuntime.deviceForGpuIndexes(List.of("0"), 0));
    }

    @Test
    void slotsSpreadOverTheTaskManagersGpus() {
        assumeTrue(DjlRuntime.gpuCount() >= 2, "needs two GPUs");
        assertEquals(Device.gpu(1), DjlRuntime.deviceForGpuIndexes(List.of("0", "1"), 3));
        assertEquals(Device.gpu(0), DjlRuntime.deviceForGpuIndexes(List.of("0", "1"), 4));
    }
}
