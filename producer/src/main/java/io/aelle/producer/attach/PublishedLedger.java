package io.aelle.producer.attach;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attach sidecar's memory of what the broker has acknowledged: one line per published file
 * ({@code name size mtime sha256 where}), appended and fsynced after each acknowledgement, so a restart
 * neither repeats nor skips a file. A file counts as published when its name, size and modification time
 * match, or, if only the time differs (copied, touched), its content hash does.
 */
final class PublishedLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedLedger.class);

    private record Entry(long size, long mtimeMillis, String sha256) {}

    private final Path file;
    private final FileChannel channel;
    private final Map<String, List<Entry>> entries = new HashMap<>();

    private PublishedLedger(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static PublishedLedger open(Path file) throws IOException {
        PublishedLedger ledger = new PublishedLedger(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
        ledger.load();
        return ledger;
    }

    private void load() throws IOException {
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String[] f = line.split("\t");
            try {
                if (f.length < 4 || f[3].length() != 64) {
                    throw new IllegalArgumentException("expected name, size, mtime and sha256");
                }
                remember(URLDecoder.decode(f[0], StandardCharsets.UTF_8), new Entry(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
            } catch (IllegalArgumentException e) {
                // A line torn by a crash during append: the file it names was not recorded, so it is published again.
                LOG.warn("ignoring line {} of {}: {}", lineNumber, file, e.getMessage());
            }
        }
        if (Files.size(file) > 0 && !endsWithNewline()) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel.force(false);
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, read.size() - 1);
            return last.get(0) == '\n';
        }
    }

    int size() {
        return entries.values().stream().mapToInt(List::size).sum();
    }

    /** Whether {@code path} (with the given size and time) was published; reads the file only to compare hashes. */
    boolean contains(Path path, long size, long mtimeMillis) throws IOException {
        List<Entry> known = entries.get(path.getFileName().toString());
        if (known == null) {
            return false;
        }
        if (known.stream().anyMatch(e -> e.size == size && e.mtimeMillis == mtimeMillis)) {
            return true;
        }
        if (known.stream().noneMatch(e -> e.size == size)) {
            return false;
        }
        String sha = sha256(path);
        return known.stream().anyMatch(e -> e.sha256.equals(sha));
    }

    /** Appends and fsyncs one line; call only after the broker acknowledged the file. */
    void record(String name, long size, long mtimeMillis, String sha256, String where) throws IOException {
        String line = URLEncoder.encode(name, StandardCharsets.UTF_8) + "\t" + size + "\t" + mtimeMillis + "\t" + sha256 + "\t" + where + "\n";
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
        remember(name, new Entry(size, mtimeMillis, sha256));
    }

    private void remember(String name, Entry e) {
        entries.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(Path path) throws IOException {
        MessageDigest d = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
