package io.aelle.wire.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: safetensors bytes assembled by hand, independent of the writer under test. */
final class RawSafetensors {

    private RawSafetensors() {}

    static byte[] file(String headerJson, byte[] data) {
        return file(headerJson.getBytes(StandardCharsets.UTF_8), data);
    }

    static byte[] file(byte[] header, byte[] data) {
        return withLength(header.length, header, data);
    }

    /** A file whose length field says {@code claimedHeaderLength}, whatever follows. */
    static byte[] withLength(long claimedHeaderLength, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(claimedHeaderLength).put(header).put(data);
        return b.array();
    }

    static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
