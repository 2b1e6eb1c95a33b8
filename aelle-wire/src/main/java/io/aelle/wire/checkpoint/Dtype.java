package io.aelle.wire.checkpoint;

import java.nio.ByteBuffer;

/** Tensor element types read from safetensors files (little-endian). Only F32 is written. */
public enum Dtype {
    F32(4), F64(8), F16(2), BF16(2);

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Reads element {@code index} of a little-endian buffer holding this type. */
    double read(ByteBuffer le, int byteOffset) {
        return switch (this) {
            case F32 -> le.getFloat(byteOffset);
            case F64 -> le.getDouble(byteOffset);
            case F16 -> halfToFloat(le.getShort(byteOffset));
            case BF16 -> Float.intBitsToFloat((le.getShort(byteOffset) & 0xffff) << 16);
        };
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // Subnormal (or zero): value = mant * 2^-24.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Parses the dtype names of the safetensors header; null when unsupported. */
    static Dtype parse(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
