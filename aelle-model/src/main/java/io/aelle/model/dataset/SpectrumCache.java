package io.aelle.model.dataset;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
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

    public static SpectrumCache open(Path dir) throws IOException {
        SpectrumCache c = new SpectrumCache(dir.resolve(FILE));
        if (Files.isRegularFile(c.file)) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(c.file)), StandardCharsets.UTF_8))) {
                String line;
                int no = 0;
                while ((line = in.readLine()) != null) {
                    no++;
                    if (line.length() > MAX_LINE) {
                        throw new IllegalArgumentException(c.file + ": line " + no + " is too long");
                    }
                    String[] f = line.split(",");
                    double[] v = new double[f.length - 1];
                    try {
                        for (int i = 1; i < f.length; i++) {
                            v[i - 1] = Double.parseDouble(f[i]);
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(c.file + ": line " + no + " has a bad number; delete the cache to recompute");
                    }
                    c.spectra.put(f[0], v);
                }
            }
        }
        return c;
    }

    public double[] get(String key) {
        return spectra.get(key);
    }

    public void put(String key, double[] spectrum) {
        spectra.put(key, spectrum.clone());
    }

    public int size() {
        return spectra.size();
    }

    /** Rewrites the cache file atomically. */
    public void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cache", ".tmp");
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
            for (Map.Entry<String, double[]> e : spectra.entrySet()) {
                StringBuilder b = new StringBuilder(e.getKey());
                for (double v : e.getValue()) {
                    b.append(',').append(v);
                }
                w.write(b.append('\n').toString());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
