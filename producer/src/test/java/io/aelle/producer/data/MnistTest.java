package io.aelle.producer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on the real MNIST files of ../shared/data/mnist, gzipped and plain. */
class MnistTest {

    static final Path SHARED_MNIST = Path.of(System.getProperty("aelle.shared.dir", "../shared")).resolve("data/mnist");

    @Test
    void readsTheGzippedTrainingAndTestSplits() throws IOException {
        Mnist train = Mnist.load(SHARED_MNIST, Mnist.Split.TRAIN);
        Mnist test = Mnist.load(SHARED_MNIST, Mnist.Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, firstLabels(train, 5));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, firstLabels(test, 5));
        assertArrayEquals(new int[] {60_000, 28, 28}, train.images().dims());
        float max = 0;
        float min = 1;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                max = Math.max(max, train.pixel(0, r, c));
                min = Math.min(min, train.pixel(0, r, c));
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max); // the first digit has saturated pixels (255)
    }

    @Test
    void plainFilesReadTheSameAsGzippedAndMatchTheChecksums(@TempDir Path dir) throws IOException {
        for (String name : Mnist.FILES) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(SHARED_MNIST.resolve(name + ".gz")))) {
                byte[] plain = in.readAllBytes();
                assertEquals(MnistFetcher.SHA256.get(name), MnistFetcher.sha256(plain), name);
                Files.write(dir.resolve(name), plain);
            }
        }
        assertTrue(MnistFetcher.present(dir));
        Mnist plain = Mnist.load(dir, Mnist.Split.TEST);
        Mnist gz = Mnist.load(SHARED_MNIST, Mnist.Split.TEST);
        assertArrayEquals(gz.images().values(), plain.images().values());
        assertArrayEquals(gz.labels().values(), plain.labels().values());
    }

    @Test
    void badFilesAreClearErrors(@TempDir Path dir) throws IOException {
        Path notIdx = Files.write(dir.resolve("bad"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(notIdx)).getMessage().contains("bad magic"));
        // Claims 100 labels but holds 3.
        Path truncated = Files.write(dir.resolve("short"), new byte[] {0, 0, 8, 1, 0, 0, 0, 100, 1, 2, 3});
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(truncated)).getMessage().contains("need 100 bytes"));
        Path floats = Files.write(dir.resolve("floats"), new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 0});
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(floats)).getMessage().contains("not supported"));
        IOException missing = assertThrows(IOException.class, () -> Mnist.load(dir, Mnist.Split.TRAIN));
        assertTrue(missing.getMessage().contains("train-images-idx3-ubyte"), missing.getMessage());
    }

    private static int[] firstLabels(Mnist m, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = m.label(i);
        }
        return out;
    }
}
