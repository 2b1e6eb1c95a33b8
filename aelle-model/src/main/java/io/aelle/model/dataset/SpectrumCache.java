package io.aelle.model.dataset;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Raw (un-interpolated) spectra already computed, keyed by the SHA-256 of the checkpoint file plus the engine
 * settings: what makes {@code dataset} idempotent. File {@code spectra-cache.csv.gz}: one line per checkpoint,
 * {@code key,v0,v1,...}.
 */
public final class SpectrumCache {

    public static final String FILE = "spectra-cache.csv.gz";
    private static final int MAX_LINE = 1 << 22;

    private final Path file;
    private final Map<String, double[]> spectra = new LinkedHashMap<>();

    private SpectrumCache(Path file) {
        this.file = file;
    }

    /**
     * Reads the cache in {@code dir}, or starts an empty one when there is none. A damaged file (truncated, not
     * gzip, a bad line) is an error naming it, never silently dropped: deleting it recomputes its spectra.
     */
    public static SpectrumCache open(Path dir) throws IOException {
        SpectrumCache c = new SpectrumCache(dir.resolve(FILE));
        if (Files.isRegularFile(c.file)) {
            try (Reader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(c.file)), StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                int no = 0;
                while (readLine(in, line, c.file, no + 1)) {
                    no++;
                    c.parse(line.toString(), no);
                }
            } catch (IOException e) {
                throw new IOException(c.file + " is damaged (" + e.getMessage() + "); delete it to recompute its spectra", e);
            }
        }
        return c;
    }

    /** Reads one line into {@code b} (without its end), at most {@link #MAX_LINE} characters; false at the end. */
    private static boolean readLine(Reader in, StringBuilder b, Path file, int no) throws IOException {
        b.setLength(0);
        int ch;
        while ((ch = in.read()) != -1 && ch != '\n') {
            if (b.length() == MAX_LINE) {
                throw new IllegalArgumentException(file + ": line " + no + " is too long; delete the cache to recompute");
            }
            b.append((char) ch);
        }
        return ch != -1 || b.length() > 0;
    }

    private void parse(String line, int no) {
        String[] f = line.split(",");
        if (f.length < 2 || f[0].isEmpty()) {
            throw new IllegalArgumentException(file + ": line " + no + " is not KEY,VALUES...; delete the cache to recompute");
        }
        double[] v = new double[f.length - 1];
        try {
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = Double.parseDouble(f[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": line " + no + " has a bad number; delete the cache to recompute");
        }
        spectra.put(f[0], v);
    }

    /** A copy of the cached spectrum, or null. */
    public synchronized double[] get(String key) {
        double[] v = spectra.get(key);
        return v == null ? null : v.clone();
    }

    public synchronized void put(String key, double[] spectrum) {
        if (key.isEmpty() || key.indexOf(',') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("spectrum cache key must be non-empty without commas or line breaks: '" + key + "'");
        }
        if (spectrum.length == 0) {
            throw new IllegalArgumentException("empty spectrum for cache key " + key);
        }
        spectra.put(key, spectrum.clone());
    }

    public synchronized int size() {
        return spectra.size();
    }

    /** Rewrites the cache file atomically: readers see the old file or the new one, never a partial one. */
    public synchronized void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cache", ".tmp");
        try {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)),
                    StandardCharsets.UTF_8))) {
                for (Map.Entry<String, double[]> e : spectra.entrySet()) {
                    StringBuilder b = new StringBuilder(e.getKey());
                    for (double v : e.getValue()) {
                        b.append(',').append(v);
                    }
                    w.write(b.append('\n').toString());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
