package io.aelle.monitor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.wire.checkpoint.Probe;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParsedProbesTest {

    private static byte[] probe(String study, double threshold) {
        return SyntheticRuns.probe(study, threshold, 2, 5, 3, 10, 1).toBytes();
    }

    @Test
    void aProbeIsParsedOncePerVersion() {
        ParsedProbes probes = new ParsedProbes();
        byte[] v1 = probe("s", 0.5);
        Probe first = probes.get("s", v1);
        assertSame(first, probes.get("s", v1.clone()), "equal bytes (a copy, as Flink hands them over): the same parse");
        Probe second = probes.get("s", probe("s", 0.7));
        assertNotSame(first, second);
        assertEquals(0.7, second.lossThreshold(), 0.0, "a new version of the study's probe is parsed");
        assertEquals(0.5, probes.get("t", probe("t", 0.5)).lossThreshold(), 0.0);
        assertSame(second, probes.get("s", probe("s", 0.7)), "other studies do not evict it");
    }

    @Test
    void anUnreadableProbeIsRefusedEveryTimeAndKeepsNothing() {
        ParsedProbes probes = new ParsedProbes();
        byte[] good = probe("s", 0.5);
        Probe kept = probes.get("s", good);
        byte[] cut = Arrays.copyOf(good, good.length / 2);
        assertThrows(IllegalArgumentException.class, () -> probes.get("s", cut));
        assertThrows(IllegalArgumentException.class, () -> probes.get("s", cut));
        assertSame(kept, probes.get("s", good));
    }

    @Test
    void onlyTheMostRecentStudiesAreKept() {
        ParsedProbes probes = new ParsedProbes();
        byte[] first = probe("study-0", 0.5);
        Probe parsed = probes.get("study-0", first);
        for (int i = 1; i <= ParsedProbes.MAX_STUDIES; i++) {
            probes.get("study-" + i, probe("study-" + i, 0.5));
        }
        assertNotSame(parsed, probes.get("study-0", first), "the least recent study was evicted and is parsed again");
    }
}
