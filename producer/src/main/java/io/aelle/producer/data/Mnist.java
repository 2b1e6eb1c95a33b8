package io.aelle.producer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The MNIST digits from the four standard IDX files (plain or gzipped) in one folder. */
public record Mnist(IdxFile images, IdxFile labels) {

    public static final int ROWS = 28;
    public static final int COLS = 28;

    /** The four files, uncompressed names; a {@code .gz} beside each name is accepted too. */
    public static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    public Mnist {
        if (images.dims().length != 3 || images.dims()[1] != ROWS || images.dims()[2] != COLS) {
            throw new IllegalArgumentException("MNIST images must be N x 28 x 28, got " + java.util.Arrays.toString(images.dims()));
        }
        if (labels.dims().length != 1 || labels.count() != images.count()) {
            throw new IllegalArgumentException("MNIST labels must be one per image: " + labels.count() + " labels for "
                    + images.count() + " images");
        }
    }

    public static Mnist load(Path mnistDir, Split split) throws IOException {
        return new Mnist(IdxFile.read(locate(mnistDir, split.prefix + "-images-idx3-ubyte")),
                IdxFile.read(locate(mnistDir, split.prefix + "-labels-idx1-ubyte")));
    }

    /** True when all four files (plain or gzipped) are in {@code mnistDir}. */
    public static boolean available(Path mnistDir) {
        return FILES.stream().allMatch(n -> Files.isRegularFile(mnistDir.resolve(n)) || Files.isRegularFile(mnistDir.resolve(n + ".gz")));
    }

    static Path locate(Path dir, String name) throws IOException {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("MNIST file " + name + "(.gz) not found in " + dir + "; run './aelle-monitor data fetch' or pass --data-dir");
    }

    public int size() {
        return images.count();
    }

    public int label(int i) {
        return labels.unsigned(i);
    }

    /** Pixel (row, col) of image i scaled to [0, 1]. */
    public float pixel(int i, int row, int col) {
        return images.unsigned((i * ROWS + row) * COLS + col) / 255f;
    }
}
