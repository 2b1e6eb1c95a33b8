package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MS = 1_000_000L;

    /** A clock the test moves by hand. */
    private static final class FakeClock {
        long now = 1_000 * MS;

        long read() {
            return now;
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private ProgressBar bar(long total, boolean terminal) {
        return new ProgressBar(out, "job", total, terminal, clock::read);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return text().lines().toList();
    }

    @Test
    void notATerminalPrintsAPlainLineAtEachTenthOnly() {
        ProgressBar b = bar(1000, false);
        for (int done = 0; done <= 1000; done++) {
            clock.now += 5 * MS;          // 5 s in all: no minute passes
            b.update(done, "step " + done);
        }
        assertFalse(text().contains("\r"), "no carriage returns in a log");
        List<String> lines = lines();
        assertEquals(11, lines.size(), "0%, 10%, ..., 100%: " + lines);
        assertEquals("job [..............................] 0/1000 0s step 0", lines.get(0));
        assertEquals("job [###...........................] 100/1000 1s step 100", lines.get(1));
        assertEquals("job [##############################] 1000/1000 5s step 1000", lines.get(10));
    }

    @Test
    void notATerminalAlsoPrintsOnceAMinuteWhenProgressIsSlow() {
        ProgressBar b = bar(100, false);
        b.update(0, null);
        clock.now += 59_000 * MS;
        b.update(1, null);                // same tenth, under a minute: quiet
        clock.now += 2_000 * MS;
        b.update(2, null);                // a minute since the last line
        assertEquals(List.of("job [..............................] 0/100 0s ", "job [..............................] 2/100 61s "), lines());
    }

    @Test
    void terminalRedrawsInPlaceAtMostFiveTimesASecond() {
        ProgressBar b = bar(100, true);
        for (int done = 0; done < 100; done++) {
            clock.now += 10 * MS;         // 100 updates in one second
            b.update(done, "s");
        }
        clock.now += 10 * MS;
        b.update(100, "s");
        String t = text();
        long redraws = t.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 5 && redraws <= 7, "about one redraw per 200 ms, got " + redraws);
        assertEquals(1, t.chars().filter(c -> c == '\n').count(), "one line, ended once: " + t);
        assertTrue(t.endsWith("] 100/100 1s s\n"), t);
    }

    @Test
    void terminalPadsOverALongerPreviousStatus() {
        ProgressBar b = bar(10, true);
        b.update(1, "a long status text");
        clock.now += 300 * MS;
        b.update(2, "short");
        String second = text().substring(text().lastIndexOf('\r') + 1);
        String first = text().substring(1, text().lastIndexOf('\r'));
        assertEquals(first.length(), second.length(), "the old text is blanked out");
        assertTrue(second.stripTrailing().endsWith("2/10 0s short"), second);
    }

    @Test
    void zeroTotalFinishesAtOnce() {
        ProgressBar b = bar(0, false);
        b.update(0, "nothing to do");
        assertEquals(List.of("job [##############################] 0/0 0s nothing to do"), lines());
        ProgressBar t = new ProgressBar(out, "job", 0, true, clock::read);
        bytes.reset();
        t.update(0, null);
        assertTrue(text().endsWith("0/0 0s \n"), "a terminal bar of nothing ends its line too: " + text());
    }

    @Test
    void doneBeyondTotalFillsTheBarAndEndsOnce() {
        ProgressBar b = bar(10, true);
        b.update(12, "over");
        b.update(13, "over again");
        b.update(14, "and again");
        assertEquals("\rjob [##############################] 12/10 0s over\n", text(), "the last line is printed once");
    }

    @Test
    void negativeDoneDrawsAnEmptyBar() {
        ProgressBar b = bar(1, false);
        b.update(-3, null);
        assertEquals(List.of("job [..............................] -3/1 0s "), lines());
    }

    @Test
    void concurrentUpdatesNeverInterleaveWithinALine() throws InterruptedException {
        ProgressBar b = new ProgressBar(out, "job", 4000, false, System::nanoTime);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int offset = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    b.update(offset * 1000L + i, "t" + offset);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        b.update(4000, "end");
        List<String> lines = lines();
        assertTrue(lines.size() <= 12, "bounded output: " + lines.size() + " lines");
        for (String l : lines) {
            assertTrue(l.matches("job \\[[#.]{30}] \\d+/4000 \\d+s (t[0-3]|end)"), l);
        }
        assertTrue(lines.get(lines.size() - 1).matches(".*] 4000/4000 \\d+s end"), "ends with the last update: " + lines);
    }
}
