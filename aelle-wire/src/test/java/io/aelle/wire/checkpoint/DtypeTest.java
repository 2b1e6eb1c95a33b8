package io.aelle.wire.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DtypeTest {

    /** binary16 by its definition, in double arithmetic: (-1)^s 2^(e-15) (1 + m/1024), or 2^-14 m/1024 when e = 0. */
    private static double half(int bits) {
        int s = bits >>> 15, e = (bits >>> 10) & 0x1f, m = bits & 0x3ff;
        double sign = s == 1 ? -1 : 1;
        if (e == 0x1f) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * (e == 0 ? Math.scalb(m / 1024.0, -14) : Math.scalb(1 + m / 1024.0, e - 15));
    }

    @Test
    void everyHalfPrecisionValueWidensExactly() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float got = Dtype.halfToFloat((short) bits);
            double want = half(bits);
            if (Double.isNaN(want)) {
                assertTrue(Float.isNaN(got), String.format("0x%04x is NaN", bits));
            } else {
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), String.format("0x%04x", bits));
            }
        }
    }

    @Test
    void readsEachTypeLittleEndian() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0, -1.25f);
        assertEquals(-1.25, Dtype.F32.read(b, 0));
        b.putDouble(0, Math.PI);
        assertEquals(Math.PI, Dtype.F64.read(b, 0));
        b.putShort(2, (short) 0x3c00);
        assertEquals(1.0, Dtype.F16.read(b, 2));
        b.putShort(2, (short) 0xc049);   // bf16 of -3.140625
        assertEquals(-3.140625, Dtype.BF16.read(b, 2));
    }

    @Test
    void sizesAndNames() {
        assertEquals(4, Dtype.F32.bytes());
        assertEquals(8, Dtype.F64.bytes());
        assertEquals(2, Dtype.F16.bytes());
        assertEquals(2, Dtype.BF16.bytes());
        assertEquals(Dtype.BF16, Dtype.parse("BF16"));
        assertNull(Dtype.parse("f32"), "safetensors names are upper case");
        assertNull(Dtype.parse("I64"));
    }
}
