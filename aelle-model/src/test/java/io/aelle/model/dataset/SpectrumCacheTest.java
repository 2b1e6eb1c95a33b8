package io.aelle.model.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrumCacheTest {

    @TempDir
    Path dir;

    private static double[] spectrum(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = -Math.abs(r.nextGaussian()) * Math.pow(10, r.nextInt(20) - 10);
        }
        return v;
    }

    private void writeGzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve(SpectrumCache.FILE), b.toByteArray());
    }

    @Test
    void aMissingFileIsAnEmptyCacheAndNothingIsWrittenUntilSave() throws IOException {
        SpectrumCache c = SpectrumCache.open(dir);
        assertEquals(0, c.size());
        assertNull(c.get("abc"));
        assertTrue(Files.notExists(dir.resolve(SpectrumCache.FILE)));
    }

    @Test
    void putSaveReopenGivesTheSameBitsInTheSameOrder() throws IOException {
        SpectrumCache c = SpectrumCache.open(dir);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String key = String.format("%064x/reference/w500/%016x", i * 7919L, i);
            keys.add(key);
            c.put(key, spectrum(i, 1 + i % 17));
        }
        c.put("special", new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE});
        c.save();
        SpectrumCache back = SpectrumCache.open(dir);
        assertEquals(51, back.size());
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(spectrum(i, 1 + i % 17), back.get(keys.get(i)), 0.0, "exact round trip of " + keys.get(i));
        }
        double[] special = back.get("special");
        assertTrue(Double.isNaN(special[0]));
        assertEquals(Double.NEGATIVE_INFINITY, special[1]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(special[2]));
        assertEquals(Double.MIN_VALUE, special[3]);
        assertEquals(-Double.MAX_VALUE, special[4]);
    }

    @Test
    void savingAgainWithoutChangesIsByteIdenticalAndLeavesNoTemporaryFiles() throws IOException {
        SpectrumCache c = SpectrumCache.open(dir);
        c.put("a", new double[] {-0.1, -0.2});
        c.put("b", new double[] {-1.5});
        c.save();
        byte[] first = Files.readAllBytes(dir.resolve(SpectrumCache.FILE));
        SpectrumCache.open(dir).save();
        assertArrayEquals(first, Files.readAllBytes(dir.resolve(SpectrumCache.FILE)), "a rerun that computes nothing changes nothing");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(SpectrumCache.FILE), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void putReplacesAndCopiesSoCallersCannotChangeTheCache() throws IOException {
        SpectrumCache c = SpectrumCache.open(dir);
        double[] v = {-1, -2};
        c.put("k", v);
        v[0] = 99;
        c.get("k")[1] = 99;
        assertArrayEquals(new double[] {-1, -2}, c.get("k"));
        c.put("k", new double[] {-3});
        assertEquals(1, c.size());
        assertArrayEquals(new double[] {-3}, c.get("k"));
    }

    @Test
    void keysThatWouldBreakTheFileAreRefused() throws IOException {
        SpectrumCache c = SpectrumCache.open(dir);
        for (String bad : new String[] {"", "a,b", "a\nb", "a\rb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.put(bad, new double[] {-1}));
            assertTrue(e.getMessage().contains("key"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> c.put("k", new double[0]));
        assertEquals(0, c.size());
    }

    @Test
    void aTruncatedFileIsAClearErrorNamingIt() throws IOException {
        SpectrumCache c = SpectrumCache.open(dir);
        for (int i = 0; i < 200; i++) {
            c.put("key" + i, spectrum(i, 32));
        }
        c.save();
        Path f = dir.resolve(SpectrumCache.FILE);
        byte[] whole = Files.readAllBytes(f);
        for (int keep : new int[] {whole.length - 1, whole.length - 8, whole.length / 2, 12}) {
            Files.write(f, java.util.Arrays.copyOf(whole, keep));
            IOException e = assertThrows(IOException.class, () -> SpectrumCache.open(dir), "truncated to " + keep);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("delete it to recompute"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotGzipIsAClearError() throws IOException {
        Path f = dir.resolve(SpectrumCache.FILE);
        Files.writeString(f, "key,-1.0,-2.0\n");
        IOException e = assertThrows(IOException.class, () -> SpectrumCache.open(dir));
        assertTrue(e.getMessage().startsWith(f + " is damaged"), e.getMessage());
    }

    @Test
    void badLinesAreClearErrorsNamingFileAndLine() throws IOException {
        String[][] cases = {
                {"a,-1\nb,-1,oops\n", "line 2 has a bad number"},
                {"a,-1\n\n", "line 2 is not KEY,VALUES"},
                {"a,-1\nonly-a-key\n", "line 2 is not KEY,VALUES"},
                {",-1,-2\n", "line 1 is not KEY,VALUES"},
                {"a,-1,,-2\n", "line 1 has a bad number"},
        };
        for (String[] c : cases) {
            writeGzip(c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectrumCache.open(dir), c[0]);
            assertTrue(e.getMessage().contains(dir.resolve(SpectrumCache.FILE).toString()) && e.getMessage().contains(c[1]),
                    c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void aLastLineWithoutNewlineIsRead() throws IOException {
        writeGzip("a,-1.5\nb,-2.5,-3.5");
        SpectrumCache c = SpectrumCache.open(dir);
        assertArrayEquals(new double[] {-2.5, -3.5}, c.get("b"));
        assertEquals(2, c.size());
    }

    @Test
    void anEndlessLineIsRefusedBeforeItFillsMemory() throws IOException {
        Path f = dir.resolve(SpectrumCache.FILE);
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(f))) {
            z.write("key,".getBytes(StandardCharsets.US_ASCII));
            byte[] digits = "-1.0-1.0".repeat(1 << 14).getBytes(StandardCharsets.US_ASCII);   // 128 KiB, no line end
            for (int i = 0; i < 64; i++) {                                                       // 8 MiB > the 4 Mi limit
                z.write(digits);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectrumCache.open(dir));
        assertTrue(e.getMessage().contains("line 1 is too long"), e.getMessage());
    }

    @Test
    void concurrentPutsAndSavesLoseNothingAndTheFileIsAlwaysReadable() throws Exception {
        SpectrumCache c = SpectrumCache.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        c.put("t" + thread + "-" + i, spectrum(thread * 1000L + i, 8));
                        if (i % 10 == 9) {
                            c.save();
                            assertTrue(SpectrumCache.open(dir).size() >= i + 1, "a reader sees a whole file");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        c.save();
        SpectrumCache back = SpectrumCache.open(dir);
        assertEquals(400, back.size());
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(spectrum(t * 1000L + i, 8), back.get("t" + t + "-" + i), 0.0);
            }
        }
    }
}
