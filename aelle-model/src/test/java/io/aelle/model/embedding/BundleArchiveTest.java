package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle survives the archive round trip; every kind of hostile archive is refused with a reason. */
class BundleArchiveTest {

    private static final double[] SPECTRUM = {0.1, -0.2, -0.5, -0.9, -1.3, -1.8};

    private static BundleArchive archive() {
        Embedding e = TestBundles.randomAelle("study-a", 16, 3);
        return BundleArchive.of(e, new BundleProvenance("study-a", "aelle", BundleProvenance.AUTO_TRAINED, 24, 0.8,
                "loss-median", 0.6, "2026-11-30T13:00:00Z"), "{\"rows\":[]}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripKeepsTheBundleAndItsProvenance() {
        BundleArchive a = archive();
        BundleArchive back = BundleArchive.parse(a.toBytes());
        assertEquals("study-a", back.study());
        assertEquals(a.entries(), back.entries());
        assertEquals(24, back.provenance().orElseThrow().runs());
        assertTrue(back.provenance().orElseThrow().autoTrained());
        assertEquals(a.embedding().projectRaw(SPECTRUM).pc1(), back.embedding().projectRaw(SPECTRUM).pc1(), 1e-12);
        assertArrayEquals(a.toBytes(), back.toBytes());
    }

    @Test
    void aDirectoryWithoutProvenanceIsPublishedNow(@TempDir Path dir) throws Exception {
        TestBundles.randomAelle("study-b", 16, 5).save(dir);
        BundleProvenance p = BundleArchive.fromDirectory(dir).provenance().orElseThrow();
        assertEquals(BundleProvenance.PUBLISHED, p.source());
        assertEquals("study-b", p.study());
        assertTrue(Instant.parse(p.createdAt()).isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void refusesHostileArchivesWithAReason() {
        byte[] good = archive().toBytes();
        assertRefused(new byte[0], "empty");
        assertRefused("PK\u0003\u0004 a zip file, not ours".getBytes(StandardCharsets.US_ASCII), "AELLE-BUNDLE");
        assertRefused(Arrays.copyOf(good, good.length - 3), "truncated");
        assertRefused(Arrays.copyOf(good, good.length + 2), "after its last entry");
        assertRefused(withInt(good, 13, 2), "version 2");
        assertRefused(withInt(good, 17, 1000), "1000 entries");
        // The first entry's data length (after its 2-byte name length and the 11-byte name "bundle.json") claims 2 GiB.
        assertRefused(withInt(good, 21 + 2 + 11, Integer.MAX_VALUE), "truncated");
        byte[] badName = good.clone();
        badName[21 + 2] = '/';
        assertRefused(badName, "bad name");
        assertRefused(new byte[BundleArchive.MAX_BYTES + 1], "over the limit");
    }

    @Test
    void refusesAnArchiveWhoseBundleIsIncomplete() throws Exception {
        Embedding e = TestBundles.randomAelle("study-c", 16, 7);
        byte[] manifest = BundleManifest.json().writeValueAsBytes(e.manifest());
        assertRefused(raw("bundle.json", manifest), "lacks the parameter file 'parameters.safetensors'");
        assertRefused(raw("report.json", new byte[] {'{', '}'}), "no bundle.json");
        assertRefused(raw("bundle.json", "{not json".getBytes(StandardCharsets.UTF_8)), "bad bundle.json");
    }

    /** An archive of one entry, written by hand as the format says. */
    private static byte[] raw(String name, byte[] data) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.write("AELLE-BUNDLE\n".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(1);
            out.writeInt(1);
            out.writeShort(name.length());
            out.write(name.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(data.length);
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        byte[] b = bytes.clone();
        ByteBuffer.wrap(b).putInt(at, value);
        return b;
    }

    private static void assertRefused(byte[] bytes, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundleArchive.parse(bytes));
        assertTrue(e.getMessage().contains(why), "expected '" + why + "' in: " + e.getMessage());
    }
}
