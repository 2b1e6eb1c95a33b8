package io.aelle.wire.checkpoint;

import static io.aelle.wire.checkpoint.RawSafetensors.concat;
import static io.aelle.wire.checkpoint.RawSafetensors.doubles;
import static io.aelle.wire.checkpoint.RawSafetensors.file;
import static io.aelle.wire.checkpoint.RawSafetensors.floats;
import static io.aelle.wire.checkpoint.RawSafetensors.shorts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.SafetensorsFormatException.Rule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer: every dtype decodes to the right values. */
class SafetensorsFileTest {

    @Test
    void f32RoundTripsThroughTheWriter(@TempDir Path dir) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", new Tensor("w", new int[] {2, 3}, new double[] {0.5f, -1.25f, 3.0e-7f, Float.MAX_VALUE, -0.0f, 1.1f}));
        tensors.put("b", new Tensor("b", new int[] {3}, new double[] {1, 2, 3}));
        tensors.put("scalar", new Tensor("scalar", new int[] {}, new double[] {42}));
        tensors.put("empty", new Tensor("empty", new int[] {0, 4}, new double[0]));
        Map<String, String> meta = Map.of("aelle.run_id", "r", "note", "naïve ✓");
        SafetensorsFile original = new SafetensorsFile(tensors, meta);

        Path path = dir.resolve("c.safetensors");
        original.write(path);
        SafetensorsFile back = SafetensorsFile.read(path);

        assertEquals(original.tensors(), back.tensors());
        assertEquals(meta, back.metadata());
        assertEquals(java.util.List.of("w", "b", "scalar", "empty"), java.util.List.copyOf(back.tensors().keySet()));
        byte[] bytes = Files.readAllBytes(path);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes like the reference writer");
        assertEquals(8 + headerLength + 4 * (6 + 3 + 1), bytes.length);
    }

    @Test
    void writerNamesTensorsByTheirMapKey() {
        Tensor t = new Tensor("some_other_name", new int[] {1}, new double[] {7});
        SafetensorsFile back = SafetensorsFile.read(new SafetensorsFile(Map.of("inputs", t), Map.of()).toBytes());
        assertEquals(7.0, back.tensor("inputs").data()[0]);
    }

    @Test
    void f64IsReadExactly() {
        double[] values = {1.0 / 3, -1e300, Double.MIN_VALUE, Math.PI};
        byte[] bytes = file("{\"x\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]}}", doubles(values));
        Tensor x = SafetensorsFile.read(bytes).tensor("x");
        assertArrayEquals(new int[] {2, 2}, x.shape());
        assertArrayEquals(values, x.data());
    }

    @Test
    void f16DecodesNormalsSubnormalsAndSpecials() {
        int[] bits = {0x3c00, 0xc000, 0x7bff, 0x0400, 0x0001, 0x03ff, 0x8001, 0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x3555};
        double[] expected = {1.0, -2.0, 65504.0, Math.pow(2, -14), Math.pow(2, -24), 1023 * Math.pow(2, -24), -Math.pow(2, -24),
            0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.333251953125};
        byte[] bytes = file("{\"h\":{\"dtype\":\"F16\",\"shape\":[13],\"data_offsets\":[0,26]}}", shorts(bits));
        double[] got = SafetensorsFile.read(bytes).tensor("h").data();
        for (int i = 0; i < bits.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(got[i]),
                    String.format("F16 0x%04x: expected %s, got %s", bits[i], expected[i], got[i]));
        }
    }

    @Test
    void bf16DecodesAsTheUpperHalfOfAFloat() {
        int[] bits = {0x3f80, 0xc040, 0x7f80, 0xff80, 0x0001, 0x3eab, 0x8000};
        double[] expected = {1.0, -3.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.pow(2, -133), 0.333984375, -0.0};
        byte[] bytes = file("{\"b\":{\"dtype\":\"BF16\",\"shape\":[7],\"data_offsets\":[0,14]}}", shorts(bits));
        double[] got = SafetensorsFile.read(bytes).tensor("b").data();
        for (int i = 0; i < bits.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(got[i]), String.format("BF16 0x%04x", bits[i]));
        }
    }

    @Test
    void mixedDtypesInAnyHeaderOrder() {
        // Header order differs from byte order, as safetensors' writer sorts by alignment.
        String header = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"half\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[16,20]},"
                + "\"dbl\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"flt\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}    ";
        byte[] bytes = file(header, concat(doubles(2.5), floats(-1.5f, 4f), shorts(0x3c00, 0x4000)));
        SafetensorsFile f = SafetensorsFile.read(bytes);
        assertArrayEquals(new double[] {2.5}, f.tensor("dbl").data());
        assertArrayEquals(new double[] {-1.5, 4}, f.tensor("flt").data());
        assertArrayEquals(new double[] {1, 2}, f.tensor("half").data());
        assertEquals(Map.of("k", "v"), f.metadata());
    }

    // ---- hostile input: one test per rule ----

    /** The rule a file breaks; reading only its metadata refuses it for the same rule. */
    private static Rule violation(byte[] bytes) {
        Rule rule = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.read(bytes)).rule();
        assertEquals(rule, assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.readMetadata(bytes)).rule(),
                "readMetadata checks what read checks");
        return rule;
    }

    @Test
    void metadataAloneIsTheMetadataOfTheWholeRead() {
        byte[] bytes = file("{\"__metadata__\":{\"aelle.run_id\":\"r\",\"k\":\"v\"}," + ONE_F32.substring(1), floats(1, 2, 3, 4));
        assertEquals(Map.of("aelle.run_id", "r", "k", "v"), SafetensorsFile.readMetadata(bytes));
        assertEquals(SafetensorsFile.read(bytes).metadata(), SafetensorsFile.readMetadata(bytes));
    }

    private static final String ONE_F32 = "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";

    @Test
    void truncatedFile() {
        byte[] whole = file(ONE_F32, floats(1, 2, 3, 4));
        assertEquals(Rule.TRUNCATED, violation(Arrays.copyOf(whole, whole.length - 3)), "data cut short");
        assertEquals(Rule.TRUNCATED, violation(new byte[] {1, 2, 3}), "shorter than the length field");
    }

    @Test
    void headerLengthBeyondTheFile() {
        byte[] header = ONE_F32.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = RawSafetensors.withLength(header.length + 100, header, floats(1, 2, 3, 4));
        assertEquals(Rule.HEADER_BEYOND_FILE, violation(bytes));
    }

    @Test
    void hundredMegabyteHeaderClaim() {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class,
                () -> SafetensorsFile.read(RawSafetensors.withLength(100_000_000L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0])));
        assertEquals(Rule.HEADER_TOO_LARGE, e.rule());
        assertTrue(e.getMessage().contains("100000000"), e.getMessage());
        assertEquals(Rule.HEADER_TOO_LARGE, violation(RawSafetensors.withLength(-1, new byte[0], new byte[0])), "2^64-1 as unsigned");
    }

    @Test
    void headerNotUtf8() {
        byte[] header = ONE_F32.getBytes(StandardCharsets.UTF_8);
        header[3] = (byte) 0xff;
        assertEquals(Rule.HEADER_NOT_UTF8, violation(file(header, floats(1, 2, 3, 4))));
    }

    @Test
    void malformedHeader() {
        assertEquals(Rule.MALFORMED_HEADER, violation(file("{\"x\":", new byte[0])), "not JSON");
        assertEquals(Rule.MALFORMED_HEADER, violation(file("[1,2]", new byte[0])), "not an object");
        assertEquals(Rule.MALFORMED_HEADER, violation(file("{} {}", new byte[0])), "trailing content");
        assertEquals(Rule.MALFORMED_HEADER, violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", floats(1))), "no offsets");
    }

    @Test
    void duplicateNames() {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertEquals(Rule.DUPLICATE_NAME, violation(file(header, floats(1, 2))));
    }

    @Test
    void overlappingOffsets() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertEquals(Rule.OVERLAPPING_OFFSETS, violation(file(header, floats(1, 2, 3))));
    }

    @Test
    void gapsAndTrailingBytes() {
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertEquals(Rule.NOT_CONTIGUOUS, violation(file(gap, floats(1, 2, 3))));
        assertEquals(Rule.NOT_CONTIGUOUS, violation(file(ONE_F32, floats(1, 2, 3, 4, 5))), "bytes after the last tensor");
    }

    @Test
    void reversedOffsets() {
        assertEquals(Rule.OFFSETS_OUT_OF_RANGE,
                violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", floats(1))));
        assertEquals(Rule.OFFSETS_OUT_OF_RANGE,
                violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", floats(1))));
    }

    @Test
    void shapeAndSizeMismatch() {
        assertEquals(Rule.SIZE_MISMATCH, violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}",
                floats(1, 2, 3, 4))));
        assertEquals(Rule.SIZE_MISMATCH, violation(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                floats(1, 2, 3, 4))), "same count, wrong dtype width");
    }

    @Test
    void negativeAndAbsurdDimensions() {
        assertEquals(Rule.BAD_SHAPE, violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,16]}}",
                floats(1, 2, 3, 4))));
        assertEquals(Rule.BAD_SHAPE, violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,16]}}",
                floats(1, 2, 3, 4))), "4 billion elements");
        assertEquals(Rule.BAD_SHAPE, violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,16]}}",
                floats(1, 2, 3, 4))), "beyond a long");
        assertEquals(Rule.BAD_SHAPE, violation(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
                floats(1))), "not an integer");
    }

    @Test
    void unsupportedDtype() {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.read(
                file("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", doubles(1))));
        assertEquals(Rule.UNSUPPORTED_DTYPE, e.rule());
        assertTrue(e.getMessage().contains("I64") && e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void metadataMustBeStrings() {
        assertEquals(Rule.BAD_METADATA, violation(file("{\"__metadata__\":{\"aelle.epoch\":3}}", new byte[0])));
    }

    @Test
    void fileTooLargeIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.safetensors");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: takes no disk space, and must not be read into memory
        }
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.read(huge));
        assertEquals(Rule.FILE_TOO_LARGE, e.rule());
    }
}
