package io.aelle.model.embedding;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One bundle as one file: the value of a record of the bundles topic (key study_id). It holds {@code bundle.json},
 * the parameter file it names, and optionally {@code provenance.json} ({@link BundleProvenance}) and the trainer's
 * {@code report.json}.
 * <p>Format (big-endian): the 13 bytes {@code AELLE-BUNDLE\n}, a version int ({@value #VERSION}), an entry count
 * int, then per entry a name (unsigned short length + ASCII) and its data (int length + bytes); nothing after.
 * Why not zip or Java serialisation: a record from the network is hostile, and this format has nothing to
 * decompress, no paths and no classes. Every length is checked against the bytes left before anything is
 * allocated, names are plain file names (no separators), entries at most {@value #MAX_ENTRIES}, the whole at most
 * {@link #MAX_BYTES}, and the bundle inside is checked as a bundle directory is ({@link Embedding}).
 */
public final class BundleArchive {

    public static final int VERSION = 1;
    /** The largest archive read or written: the default record limit of the topics that carry files. */
    public static final int MAX_BYTES = 64 << 20;
    static final int MAX_ENTRIES = 8;
    public static final String REPORT = "report.json";
    private static final byte[] MAGIC = "AELLE-BUNDLE\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, byte[]> files;
    private final Embedding embedding;
    private final BundleProvenance provenance;

    private BundleArchive(Map<String, byte[]> files) {
        byte[] json = files.get(BundleManifest.FILE);
        if (json == null) {
            throw new IllegalArgumentException("bundle archive has no " + BundleManifest.FILE + " (entries: " + files.keySet() + ")");
        }
        BundleManifest m = Embedding.readManifest(json, "archive");
        byte[] parameters = files.get(m.embedding().parametersFile());
        if (parameters == null) {
            throw new IllegalArgumentException("bundle archive lacks the parameter file '" + m.embedding().parametersFile()
                    + "' its bundle.json names (entries: " + files.keySet() + ")");
        }
        this.embedding = Embedding.of(m, parameters);
        byte[] p = files.get(BundleProvenance.FILE);
        this.provenance = p == null ? null : BundleProvenance.parse(p);
        if (provenance != null && !provenance.study().equals(embedding.study())) {
            throw new IllegalArgumentException("bundle archive provenance names study '" + provenance.study()
                    + "' but its bundle is for '" + embedding.study() + "'");
        }
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** An archive of a bundle with its provenance and, when not null, a report (JSON). */
    public static BundleArchive of(Embedding e, BundleProvenance provenance, byte[] reportJson) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put(BundleManifest.FILE, BundleManifest.json().writeValueAsBytes(e.manifest()));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        files.put(e.manifest().embedding().parametersFile(), e.parametersBytes());
        files.put(BundleProvenance.FILE, provenance.toJson());
        if (reportJson != null) {
            files.put(REPORT, reportJson);
        }
        return new BundleArchive(files);
    }

    /**
     * A bundle directory's {@code bundle.json}, its parameter file, and its {@code provenance.json} and
     * {@code report.json} when present; without a provenance file, one saying "published now" is added.
     */
    public static BundleArchive fromDirectory(Path dir) throws IOException {
        Embedding e = Embedding.load(dir);
        Path provenance = dir.resolve(BundleProvenance.FILE);
        BundleProvenance p = Files.isRegularFile(provenance)
                ? BundleProvenance.parse(readBounded(provenance))
                : BundleProvenance.published(e, java.time.Instant.now());
        Path report = dir.resolve(REPORT);
        return of(e, p, Files.isRegularFile(report) ? readBounded(report) : null);
    }

    /** The archive of a bundle directory, else of the bundle shipped on the classpath under that name. */
    public static BundleArchive fromDirectoryOrShipped(String bundle) throws IOException {
        Path dir = Path.of(bundle);
        if (Files.isDirectory(dir)) {
            return fromDirectory(dir);
        }
        Embedding e = Embedding.loadShipped(bundle);
        return of(e, BundleProvenance.published(e, java.time.Instant.now()), null);
    }

    /**
     * Reads an archive, treating the bytes as hostile.
     *
     * @throws IllegalArgumentException naming what is wrong: too large, bad magic or version, a bad entry name, a
     *                                  length past the end, trailing bytes, or a bundle that does not load
     */
    public static BundleArchive parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty bundle archive");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("bundle archive of " + bytes.length + " bytes is over the limit of " + MAX_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a bundle archive (it does not start with 'AELLE-BUNDLE')");
        }
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("bundle archive version " + version + " is not supported (expected " + VERSION + ")");
        }
        int count = in.getInt();
        if (count < 1 || count > MAX_ENTRIES) {
            throw new IllegalArgumentException("bundle archive has " + count + " entries; 1 to " + MAX_ENTRIES + " allowed");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            need(in, 2, "entry " + i + " name length");
            int nameLength = Short.toUnsignedInt(in.getShort());
            need(in, nameLength, "entry " + i + " name");
            byte[] nameBytes = new byte[nameLength];
            in.get(nameBytes);
            String name = new String(nameBytes, StandardCharsets.US_ASCII);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bundle archive entry " + i + " has a bad name (plain file names of "
                        + "letters, digits, '.', '_' and '-' only)");
            }
            need(in, 4, "entry '" + name + "' length");
            int length = in.getInt();
            if (length < 0) {
                throw new IllegalArgumentException("bundle archive entry '" + name + "' has a negative length");
            }
            need(in, length, "entry '" + name + "' data");
            byte[] data = new byte[length];
            in.get(data);
            if (files.put(name, data) != null) {
                throw new IllegalArgumentException("bundle archive has two entries named '" + name + "'");
            }
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("bundle archive has " + in.remaining() + " bytes after its last entry");
        }
        return new BundleArchive(files);
    }

    private static void need(ByteBuffer in, int n, String what) {
        if (in.remaining() < n) {
            throw new IllegalArgumentException("bundle archive is truncated: " + what + " needs " + n + " bytes, "
                    + in.remaining() + " left");
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(files.size());
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
                out.writeShort(name.length);
                out.write(name);
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() > MAX_BYTES) {
            throw new IllegalArgumentException("bundle archive of " + bytes.size() + " bytes is over the limit of " + MAX_BYTES);
        }
        return bytes.toByteArray();
    }

    /** Whether both hold the same bundle (bundle.json and parameters), whatever their provenance and report say. */
    public boolean sameBundle(BundleArchive other) {
        String params = embedding.manifest().embedding().parametersFile();
        return Arrays.equals(files.get(BundleManifest.FILE), other.files.get(BundleManifest.FILE))
                && Arrays.equals(files.get(params), other.files.get(params));
    }

    public Embedding embedding() {
        return embedding;
    }

    public String study() {
        return embedding.study();
    }

    /** The provenance; archives written by this class always have one. */
    public Optional<BundleProvenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** The entries' names, in archive order. */
    public java.util.Set<String> entries() {
        return files.keySet();
    }

    private static byte[] readBounded(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }
}
