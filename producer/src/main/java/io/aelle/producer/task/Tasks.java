package io.aelle.producer.task;

import java.nio.file.Path;

/** The tasks by name. */
public final class Tasks {

    public static final String NAMES = "smnist, charrnn, sine";

    private Tasks() {}

    public static Task create(String name, Path dataDir, long studySeed) {
        return switch (name) {
            case "smnist" -> new SmnistTask(dataDir);
            case "charrnn" -> new CharRnnTask(dataDir);
            case "sine" -> new SineTask(studySeed);
            default -> throw new IllegalArgumentException("unknown task '" + name + "'; choose one of " + NAMES);
        };
    }
}
