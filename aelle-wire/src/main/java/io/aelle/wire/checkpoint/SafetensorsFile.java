package io.aelle.wire.checkpoint;

import static io.aelle.wire.checkpoint.SafetensorsFormatException.Rule.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors container: 8-byte little-endian header length, a UTF-8 JSON header, raw tensor bytes.
 * Reading treats the input as hostile: every size is bounded and every violation is a
 * {@link SafetensorsFormatException} naming its {@link SafetensorsFormatException.Rule}.
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

    /** Largest header accepted, whatever the header length field claims. */
    public static final long MAX_HEADER_BYTES = 16L << 20;
    /** Largest element count of one tensor (Java arrays are int-indexed). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Largest file accepted (Java arrays are int-indexed). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** Largest rank accepted. */
    public static final int MAX_RANK = 8;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public Tensor tensor(String name) {
        return tensors.get(name);
    }

    public static SafetensorsFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new SafetensorsFormatException(FILE_TOO_LARGE, file + " is " + size + " bytes, beyond the " + MAX_FILE_BYTES
                    + " a safetensors file may have here");
        }
        return read(Files.readAllBytes(file));
    }

    public static SafetensorsFile read(byte[] bytes) {
        Layout layout = layout(bytes);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : layout.entries) {
            double[] values = new double[(int) e.elements];
            int base = layout.dataStart + (int) e.begin;
            int step = e.dtype.bytes();
            for (int i = 0; i < values.length; i++) {
                values[i] = e.dtype.read(le, base + i * step);
            }
            tensors.put(e.name, new Tensor(e.name, e.shape, values));
        }
        return new SafetensorsFile(tensors, layout.metadata);
    }

    /**
     * The {@code __metadata__} of a file checked against every rule {@link #read(byte[])} checks, without decoding the
     * tensors (decoding cannot fail once the layout is valid): for a caller that needs only the metadata now.
     */
    public static Map<String, String> readMetadata(byte[] bytes) {
        return layout(bytes).metadata;
    }

    /** The validated header: metadata, the tensors' places, where the data section starts. */
    private record Layout(Map<String, String> metadata, List<Entry> entries, int dataStart) {}

    private static Layout layout(byte[] bytes) {
        if (bytes.length < 8) {
            throw new SafetensorsFormatException(TRUNCATED, "file is " + bytes.length + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = le.getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(HEADER_TOO_LARGE, "header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (headerLength > bytes.length - 8L) {
            throw new SafetensorsFormatException(HEADER_BEYOND_FILE, "header length " + headerLength + " runs past the end of a "
                    + bytes.length + "-byte file");
        }
        int dataStart = 8 + (int) headerLength;
        String headerText = decodeUtf8(bytes, 8, (int) headerLength);
        JsonNode header;
        try {
            header = JSON.readTree(headerText);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                throw new SafetensorsFormatException(DUPLICATE_NAME, msg);
            }
            throw new SafetensorsFormatException(MALFORMED_HEADER, "header is not valid JSON: " + msg);
        }
        if (header == null || !header.isObject()) {
            throw new SafetensorsFormatException(MALFORMED_HEADER, "header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        int dataLength = bytes.length - dataStart;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                metadata.putAll(parseMetadata(field.getValue()));
            } else {
                entries.add(parseEntry(field.getKey(), field.getValue()));
            }
        }
        checkLayout(entries, dataLength);
        return new Layout(metadata, entries, dataStart);
    }

    private record Entry(String name, Dtype dtype, int[] shape, long elements, long begin, long end) {}

    private static String decodeUtf8(byte[] bytes, int offset, int length) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(HEADER_NOT_UTF8, "header is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> parseMetadata(JsonNode node) {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(BAD_METADATA, "__metadata__ must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new SafetensorsFormatException(BAD_METADATA, "__metadata__ value of '" + f.getKey() + "' is not a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    private static Entry parseEntry(String name, JsonNode node) {
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray()) {
            throw new SafetensorsFormatException(MALFORMED_HEADER, "tensor '" + name + "' needs dtype, shape and data_offsets");
        }
        Dtype dtype = Dtype.parse(node.get("dtype").asText());
        if (dtype == null) {
            throw new SafetensorsFormatException(UNSUPPORTED_DTYPE, "tensor '" + name + "' has dtype " + node.get("dtype").asText()
                    + "; supported: F32, F64, F16, BF16");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode.size() > MAX_RANK) {
            throw new SafetensorsFormatException(BAD_SHAPE, "tensor '" + name + "' has rank " + shapeNode.size() + " > " + MAX_RANK);
        }
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0 || d.asLong() > MAX_ELEMENTS) {
                throw new SafetensorsFormatException(BAD_SHAPE, "tensor '" + name + "' has dimension " + d + " at axis " + i);
            }
            shape[i] = (int) d.asLong();
            elements *= shape[i];
            if (elements > MAX_ELEMENTS) {
                throw new SafetensorsFormatException(BAD_SHAPE, "tensor '" + name + "' shape " + shapeNode + " has more than "
                        + MAX_ELEMENTS + " elements");
            }
        }
        ArrayNode offsets = (ArrayNode) node.get("data_offsets");
        if (offsets.size() != 2 || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw new SafetensorsFormatException(MALFORMED_HEADER, "tensor '" + name + "' data_offsets must be two integers");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw new SafetensorsFormatException(OFFSETS_OUT_OF_RANGE, "tensor '" + name + "' data_offsets [" + begin + ", " + end
                    + "] are negative or reversed");
        }
        if ((end - begin) != elements * dtype.bytes()) {
            throw new SafetensorsFormatException(SIZE_MISMATCH, "tensor '" + name + "' shape " + shapeNode + " x " + dtype
                    + " needs " + elements * dtype.bytes() + " bytes but its offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, elements, begin, end);
    }

    /**
     * The byte ranges must tile the data section exactly: non-overlapping, no holes, ending where the file ends
     * (a layout that runs past the end means the file was cut short).
     */
    private static void checkLayout(List<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long cursor = 0;
        for (Entry e : sorted) {
            if (e.begin < cursor) {
                throw new SafetensorsFormatException(OVERLAPPING_OFFSETS, "tensor '" + e.name + "' bytes [" + e.begin + ", " + e.end
                        + ") overlap the previous tensor ending at " + cursor);
            }
            if (e.begin > cursor) {
                throw new SafetensorsFormatException(NOT_CONTIGUOUS, "gap of " + (e.begin - cursor) + " bytes before tensor '" + e.name + "'");
            }
            cursor = e.end;
        }
        if (cursor > dataLength) {
            throw new SafetensorsFormatException(TRUNCATED, "the header places tensor bytes up to " + cursor + " but the data section ends at "
                    + dataLength + ": the file is truncated");
        }
        if (cursor < dataLength) {
            throw new SafetensorsFormatException(NOT_CONTIGUOUS, "data section is " + dataLength + " bytes but tensors cover only " + cursor);
        }
    }

    /** Serialises as safetensors with every tensor stored as little-endian F32, in map order, named by its map key. */
    public byte[] toBytes() {
        if (tensors.containsKey("__metadata__")) {
            throw new IllegalArgumentException("a tensor cannot be named __metadata__");
        }
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode n = header.putObject(e.getKey());
            n.put("dtype", "F32");
            ArrayNode shape = n.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long bytes = 4L * t.size();
            n.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes;
        try {
            headerBytes = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Pad the header with spaces to an 8-byte boundary, as the reference implementation does.
        int padded = (headerBytes.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("checkpoint of " + total + " bytes is too large to write");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(headerBytes);
        for (int i = headerBytes.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            for (double v : t.data()) {
                out.putFloat((float) v);
            }
        }
        return out.array();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }
}
