package io.aelle.model.djl;

/**
 * PyTorch's thread counts for a process that trains small models: JVM-wide settings, so they are set once at the
 * process's entry (the launcher's main), before DJL's engine loads, never by a library class as a side effect.
 */
public final class DjlThreads {

    public static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    public static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    private DjlThreads() {}

    /**
     * One intra-op and one inter-op thread, unless the command line set them (-D wins). The embeddings and the swept
     * RNNs are small: one thread is 2-3x faster per step than several fighting over a shared 2-core machine
     * (6 s vs 44 s for 40 AeLLE epochs there).
     */
    public static void oneThreadUnlessSet() {
        if (System.getProperty(INTRA_OP) == null) {
            System.setProperty(INTRA_OP, "1");
        }
        if (System.getProperty(INTER_OP) == null) {
            System.setProperty(INTER_OP, "1");
        }
    }
}
