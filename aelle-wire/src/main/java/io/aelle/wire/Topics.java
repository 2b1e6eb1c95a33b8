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
 */
public record Topics(String checkpoints, String outcomes, String probes, String verdicts, String deadLetters) {

    public static final String CHECKPOINTS = "aelle.checkpoints";
    public static final String OUTCOMES = "aelle.outcomes";
    public static final String PROBES = "aelle.probes";
    public static final String VERDICTS = "aelle.verdicts";
    public static final String DEAD_LETTERS = "aelle.dead-letters";

    public Topics {
        for (String name : new String[] {checkpoints, outcomes, probes, verdicts, deadLetters}) {
            if (name == null || !name.matches("[a-zA-Z0-9._-]{1,249}") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("'" + name + "' is not a valid Kafka topic name");
            }
        }
        if (List.of(checkpoints, outcomes, probes, verdicts, deadLetters).stream().distinct().count() != 5) {
            throw new IllegalArgumentException("the five topic names must differ");
        }
    }

    public static Topics defaults() {
        return new Topics(CHECKPOINTS, OUTCOMES, PROBES, VERDICTS, DEAD_LETTERS);
    }

    public List<String> all() {
        return List.of(checkpoints, outcomes, probes, verdicts, deadLetters);
    }

    public Topics withCheckpoints(String name) {
        return new Topics(name, outcomes, probes, verdicts, deadLetters);
    }

    public Topics withOutcomes(String name) {
        return new Topics(checkpoints, name, probes, verdicts, deadLetters);
    }

    public Topics withProbes(String name) {
        return new Topics(checkpoints, outcomes, name, verdicts, deadLetters);
    }

    public Topics withVerdicts(String name) {
        return new Topics(checkpoints, outcomes, probes, name, deadLetters);
    }

    public Topics withDeadLetters(String name) {
        return new Topics(checkpoints, outcomes, probes, verdicts, name);
    }
}
