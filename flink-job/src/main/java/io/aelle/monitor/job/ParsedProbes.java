package io.aelle.monitor.job;

import io.aelle.wire.checkpoint.Probe;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed probe of each study, parsed once per probe version instead of once per checkpoint: a checkpoint
 * carries its study's probe file, and while those bytes equal the ones parsed last for the study, the parsed
 * {@link Probe} is reused (comparing the bytes costs a fraction of parsing them). Holds the probes of the
 * {@value #MAX_STUDIES} studies seen most recently. One per operator instance; not thread-safe.
 */
final class ParsedProbes {

    static final int MAX_STUDIES = 64;

    private record Parsed(byte[] bytes, Probe probe) {}

    private final Map<String, Parsed> byStudy = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > MAX_STUDIES;
        }
    };

    /** @throws IllegalArgumentException when the probe file is unreadable (nothing is kept then) */
    Probe get(String studyId, byte[] probeFile) {
        Parsed p = byStudy.get(studyId);
        if (p == null || !Arrays.equals(p.bytes, probeFile)) {
            p = new Parsed(probeFile, Probe.parse(probeFile));
            byStudy.put(studyId, p);
        }
        return p.probe;
    }
}
