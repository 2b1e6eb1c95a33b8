package io.aelle.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DjlThreadsTest {

    @Test
    void setsOneThreadButKeepsWhatTheCommandLineSet() {
        String intra = System.getProperty(DjlThreads.INTRA_OP);
        String inter = System.getProperty(DjlThreads.INTER_OP);
        try {
            System.setProperty(DjlThreads.INTRA_OP, "3");
            System.clearProperty(DjlThreads.INTER_OP);
            DjlThreads.oneThreadUnlessSet();
            assertEquals("3", System.getProperty(DjlThreads.INTRA_OP), "-D wins");
            assertEquals("1", System.getProperty(DjlThreads.INTER_OP));
        } finally {
            restore(DjlThreads.INTRA_OP, intra);
            restore(DjlThreads.INTER_OP, inter);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
