package io.aelle.producer.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the MNIST format): big-endian magic {@code 0x0000 08 NDIM}, NDIM int32
 * dimensions, then the values. Gzipped files are recognised by their magic bytes. Every size read from the
 * file is checked against the bytes actually present.
 */
public record IdxFile(int[] dims, byte[] values) {

    /** Largest decompressed file accepted (MNIST's training images are 47 MB). */
    public static final long MAX_BYTES = 256L << 20;
    private static final int UNSIGNED_BYTE = 0x08;

    public static IdxFile read(Path file) throws IOException {
        byte[] raw = readAll(file);
        ByteBuffer buf = ByteBuffer.wrap(raw);
        if (raw.length < 4 || raw[0] != 0 || raw[1] != 0) {
            throw new IOException(file + " is not an IDX file (bad magic number)");
        }
        if ((raw[2] & 0xff) != UNSIGNED_BYTE) {
            throw new IOException(file + ": IDX element type 0x" + Integer.toHexString(raw[2] & 0xff)
                    + " is not supported (only unsigned bytes, 0x08)");
        }
        int rank = raw[3] & 0xff;
        if (rank < 1 || rank > 4 || raw.length < 4 + 4L * rank) {
            throw new IOException(file + ": IDX header claims " + rank + " dimensions but the file is " + raw.length + " bytes");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt(4 + 4 * i);
            if (dims[i] < 0) {
                throw new IOException(file + ": negative IDX dimension " + dims[i]);
            }
            count *= dims[i];
            if (count > MAX_BYTES) {
                throw new IOException(file + ": IDX dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + " are too large");
            }
        }
        int offset = 4 + 4 * rank;
        if (raw.length - offset != count) {
            throw new IOException(file + ": IDX dimensions " + Arrays.toString(dims) + " need " + count + " bytes of data, the file has "
                    + (raw.length - offset));
        }
        return new IdxFile(dims, Arrays.copyOfRange(raw, offset, raw.length));
    }

    /** The value at flat index {@code i}, 0 to 255. */
    public int unsigned(int i) {
        return values[i] & 0xff;
    }

    /** Number of items along the first dimension. */
    public int count() {
        return dims[0];
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            InputStream source = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            for (int n; (n = source.read(chunk)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new IOException(file + " decompresses to more than " + MAX_BYTES + " bytes; not an MNIST IDX file");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }
}
