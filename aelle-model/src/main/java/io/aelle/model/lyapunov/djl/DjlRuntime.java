package io.aelle.model.lyapunov.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.Locale;

/**
 * The JVM's one DJL PyTorch engine, and device selection.
 *
 * <p>The engine is loaded once per JVM, lazily, by a static holder. DJL's native library (libtorch plus
 * libdjl_torch) can be loaded by only one class loader per process: a second loader gets
 * {@code UnsatisfiedLinkError: ... already loaded in another classloader}. Inside Flink this means the DJL jars
 * must sit in the task manager's {@code lib/} (parent-first), not in the user jar, or every job restart on the same
 * task manager would try to load the natives again through a fresh user-code class loader.
 */
public final class DjlRuntime {

    /** The engine name DJL registers for PyTorch. */
    public static final String ENGINE_NAME = "PyTorch";

    private DjlRuntime() {
    }

    private static final class Holder {
        static final Engine ENGINE = Engine.getEngine(ENGINE_NAME);
    }

    /** The PyTorch engine, loading its native library on first use. */
    public static Engine engine() {
        return Holder.ENGINE;
    }

    /** Number of CUDA devices the loaded engine sees (0 with the CPU-only native library). */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /**
     * Parses a device setting: {@code cpu}, {@code gpu} (device 0), {@code gpu:K}, or {@code auto} (GPU 0 when the
     * engine sees one, else CPU). Asking for a GPU that is not there is an error, never a silent CPU fallback.
     */
    public static Device device(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("auto")) {
            return gpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("gpu") || s.equals("cuda")) {
            return gpu(0);
        }
        for (String p : new String[] {"gpu:", "cuda:"}) {
            if (s.startsWith(p)) {
                return gpu(parseIndex(s.substring(p.length()), spec));
            }
        }
        throw new IllegalArgumentException("unknown device '" + spec + "'; expected cpu, gpu, gpu:K or auto");
    }

    /**
     * The device for a Flink task given the indexes of the GPUs its task manager was assigned, that is the
     * {@code "index"} property of each {@code getRuntimeContext().getExternalResourceInfos("gpu")} entry
     * (Flink's GPU driver reports the indexes {@code nvidia-smi} lists). No index means the task manager has no GPU
     * resource: CPU. With several, subtask {@code subtaskIndex} takes index {@code subtaskIndex mod count}, so the
     * slots of one task manager spread over its GPUs.
     */
    public static Device deviceForGpuIndexes(List<String> gpuIndexes, int subtaskIndex) {
        if (gpuIndexes == null || gpuIndexes.isEmpty()) {
            return Device.cpu();
        }
        String chosen = gpuIndexes.get(Math.floorMod(subtaskIndex, gpuIndexes.size()));
        return gpu(parseIndex(chosen, "external resource gpu index '" + chosen + "'"));
    }

    private static Device gpu(int index) {
        int count = gpuCount();
        if (index >= count) {
            throw new IllegalArgumentException("GPU " + index + " requested but the PyTorch engine sees " + count
                    + " GPU(s); a CUDA build of the PyTorch native library is needed (see docs/GPU.md)");
        }
        return Device.gpu(index);
    }

    private static int parseIndex(String text, String what) {
        try {
            int i = Integer.parseInt(text.trim());
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad GPU index in " + what + "; expected a non-negative integer");
        }
    }
}
