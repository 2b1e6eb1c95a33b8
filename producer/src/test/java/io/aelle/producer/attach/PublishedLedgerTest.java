package io.aelle.producer.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedLedgerTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static long mtime(Path p) throws Exception {
        return Files.getLastModifiedTime(p).toMillis();
    }

    @Test
    void remembersAcrossReopenAndSurvivesATornLine() throws Exception {
        Path ledgerFile = dir.resolve(".aelle-published");
        Path a = write("a b\t.safetensors", "alpha");
        Path b = write("b.safetensors", "beta");
        try (PublishedLedger ledger = PublishedLedger.open(ledgerFile)) {
            ledger.record(a.getFileName().toString(), 5, mtime(a), PublishedLedger.sha256(Files.readAllBytes(a)), "t-0@0");
            assertTrue(ledger.contains(a, 5, mtime(a)));
            assertFalse(ledger.contains(b, 4, mtime(b)));
        }
        // A crash in the middle of the next append leaves half a line.
        Files.writeString(ledgerFile, "b.safetensors\t4\t12", StandardOpenOption.APPEND);
        try (PublishedLedger ledger = PublishedLedger.open(ledgerFile)) {
            assertEquals(1, ledger.size());
            assertTrue(ledger.contains(a, 5, mtime(a)), "names with tabs and spaces survive encoding");
            assertFalse(ledger.contains(b, 4, mtime(b)), "the torn line does not count");
            ledger.record("b.safetensors", 4, mtime(b), PublishedLedger.sha256(Files.readAllBytes(b)), "t-0@1");
        }
        try (PublishedLedger ledger = PublishedLedger.open(ledgerFile)) {
            assertEquals(2, ledger.size());
            assertTrue(ledger.contains(b, 4, mtime(b)), "a record appended after a torn line reads back");
        }
    }

    @Test
    void sameContentWithANewTimeIsKnownButNewContentIsNot() throws Exception {
        Path a = write("a.safetensors", "alpha");
        try (PublishedLedger ledger = PublishedLedger.open(dir.resolve(".aelle-published"))) {
            ledger.record("a.safetensors", 5, mtime(a), PublishedLedger.sha256(Files.readAllBytes(a)), "t-0@0");
            Files.setLastModifiedTime(a, FileTime.fromMillis(mtime(a) + 60_000));
            assertTrue(ledger.contains(a, 5, mtime(a)), "touched, same bytes");
            write("a.safetensors", "ALPHA");
            Files.setLastModifiedTime(a, FileTime.fromMillis(mtime(a) + 120_000));
            assertFalse(ledger.contains(a, 5, mtime(a)), "same name and size, new bytes");
        }
    }
}
