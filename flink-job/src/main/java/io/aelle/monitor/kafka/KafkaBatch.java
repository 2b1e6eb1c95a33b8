package io.aelle.monitor.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records one sink writer produced between two Flink checkpoints: the committable of
 * {@link TransactionalKafkaSink}. {@code sequence} grows by one per batch of a writer, so the commit marker can
 * tell a batch already written from a new one.
 */
public record KafkaBatch(int writer, long sequence, List<ProducerRecord<byte[], byte[]>> records) {

    /** Binary form stored in Flink checkpoints (no Java serialisation). */
    public static final class Serializer implements SimpleVersionedSerializer<KafkaBatch> {

        private static final int VERSION = 1;
        // Bounds on what a stored batch may claim, so a corrupt checkpoint cannot allocate without limit.
        private static final int MAX_RECORDS = 10_000_000;
        private static final int MAX_BYTES = 1 << 30;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(KafkaBatch batch) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(batch.writer());
                out.writeLong(batch.sequence());
                out.writeInt(batch.records().size());
                for (ProducerRecord<byte[], byte[]> r : batch.records()) {
                    out.writeUTF(r.topic());
                    writeBytes(out, r.key());
                    writeBytes(out, r.value());
                    Header[] headers = r.headers().toArray();
                    out.writeInt(headers.length);
                    for (Header h : headers) {
                        out.writeUTF(h.key());
                        writeBytes(out, h.value());
                    }
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public KafkaBatch deserialize(int version, byte[] serialized) throws IOException {
            if (version != VERSION) {
                throw new IOException("unknown Kafka batch format version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int writer = in.readInt();
                long sequence = in.readLong();
                int n = bounded(in.readInt(), MAX_RECORDS, "record count");
                List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    String topic = in.readUTF();
                    byte[] key = readBytes(in);
                    byte[] value = readBytes(in);
                    int h = bounded(in.readInt(), MAX_RECORDS, "header count");
                    RecordHeaders headers = new RecordHeaders();
                    for (int j = 0; j < h; j++) {
                        headers.add(in.readUTF(), readBytes(in));
                    }
                    records.add(new ProducerRecord<>(topic, null, key, value, headers));
                }
                return new KafkaBatch(writer, sequence, records);
            }
        }

        private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
            if (b == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(b.length);
                out.write(b);
            }
        }

        private static byte[] readBytes(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            byte[] b = new byte[bounded(n, MAX_BYTES, "field length")];
            in.readFully(b);
            return b;
        }

        private static int bounded(int n, int max, String what) throws IOException {
            if (n < 0 || n > max) {
                throw new IOException("stored Kafka batch has a bad " + what + ": " + n);
            }
            return n;
        }
    }
}
