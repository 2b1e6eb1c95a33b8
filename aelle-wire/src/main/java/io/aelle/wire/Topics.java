package io.aelle.wire;

import java.util.List;

/**
 * The topic names of one deployment. Keys: run_id for checkpoints, outcomes and verdicts; study_id for probes.
 *
 * @param checkpoints a safetensors checkpoint file per record
 * @param outcomes    {@link io.aelle.wire.Outcome} JSON per finished run
 * @param probes      compacted: a study's probe inputs and settings (safetensors)
 * @param verdicts    compacted: the latest {@link io.aelle.wire.Verdict} JSON of each run
 * @param deadLetters records that could not be processed, the reason in their headers
 * @param bundles     compacted: a study's embedding bundle ({@code io.aelle.model.embedding.BundleArchive}), key study_id
 */
public record Topics(String checkpoints, String outcomes, String probes, String verdicts, String deadLetters, String bundles) {

    public static final String CHECKPOINTS = "aelle.checkpoints";
    public static final String OUTCOMES = "aelle.outcomes";
    public static final String PROBES = "aelle.probes";
    public static final String VERDICTS = "aelle.verdicts";
    public static final String DEAD_LETTERS = "aelle.dead-letters";
    public static final String BUNDLES = "aelle.bundles";

    /** With the bundles topic named after the probes topic: {@code <prefix>.probes} → {@code <prefix>.bundles}. */
    public Topics(String checkpoints, String outcomes, String probes, String verdicts, String deadLetters) {
        this(checkpoints, outcomes, probes, verdicts, deadLetters, bundlesBeside(probes));
    }

    static String bundlesBeside(String probes) {
        return probes != null && probes.endsWith(".probes") ? probes.substring(0, probes.length() - ".probes".length()) + ".bundles" : BUNDLES;
    }

    public Topics {
        for (String name : new String[] {checkpoints, outcomes, probes, verdicts, deadLetters, bundles}) {
            if (name == null || !name.matches("[a-zA-Z0-9._-]{1,249}") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("'" + name + "' is not a valid Kafka topic name");
            }
        }
        if (List.of(checkpoints, outcomes, probes, verdicts, deadLetters, bundles).stream().distinct().count() != 6) {
            throw new IllegalArgumentException("the six topic names must differ");
        }
    }

    public static Topics defaults() {
        return new Topics(CHECKPOINTS, OUTCOMES, PROBES, VERDICTS, DEAD_LETTERS, BUNDLES);
    }

    public List<String> all() {
        return List.of(checkpoints, outcomes, probes, verdicts, deadLetters, bundles);
    }

    public Topics withCheckpoints(String name) {
        return new Topics(name, outcomes, probes, verdicts, deadLetters, bundles);
    }

    public Topics withOutcomes(String name) {
        return new Topics(checkpoints, name, probes, verdicts, deadLetters, bundles);
    }

    public Topics withProbes(String name) {
        return new Topics(checkpoints, outcomes, name, verdicts, deadLetters, bundles);
    }

    public Topics withVerdicts(String name) {
        return new Topics(checkpoints, outcomes, probes, name, deadLetters, bundles);
    }

    public Topics withDeadLetters(String name) {
        return new Topics(checkpoints, outcomes, probes, verdicts, name, bundles);
    }

    public Topics withBundles(String name) {
        return new Topics(checkpoints, outcomes, probes, verdicts, deadLetters, name);
    }
}
