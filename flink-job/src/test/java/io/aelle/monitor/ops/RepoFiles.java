package io.aelle.monitor.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's own files (dashboards/, deploy/) from a test running in a module directory. */
final class RepoFiles {

    private RepoFiles() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("dashboards")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no dashboards/ and deploy/ above " + Path.of("").toAbsolutePath());
    }

    static Path dashboard() {
        return root().resolve("dashboards/aelle-monitor.json");
    }
}
