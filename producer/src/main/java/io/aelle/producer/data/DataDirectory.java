package io.aelle.producer.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where task data lives: {@code --data-dir}, else {@code ../shared/data} when present, else {@code ./data}. */
public final class DataDirectory {

    private DataDirectory() {}

    /** The default data folder, relative to the project root ({@code aelle.home}) or the working directory. */
    public static Path defaultDir() {
        Path home = Path.of(System.getProperty("aelle.home", ".")).toAbsolutePath().normalize();
        Path shared = home.resolve("../shared/data").normalize();
        return Files.isDirectory(shared) ? shared : home.resolve("data");
    }

    public static Path resolve(Path given) {
        return given != null ? given : defaultDir();
    }
}
