package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.classify.Pc1Threshold;
import io.aelle.model.embedding.training.LossHistory;
import io.aelle.model.evaluation.Report;
import io.aelle.model.evaluation.ReportRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final int REGION = 0xC8E6C8;     // Color(200, 230, 200)
    private static final int HIGH = 0xC82828;       // Color(200, 40, 40)
    private static final int LOW = 0x1E3CC8;        // Color(30, 60, 200)

    @TempDir
    Path dir;

    /** Decodes the file as a PNG and checks the chart size. */
    static BufferedImage png(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " exists");
        byte[] head = Files.readAllBytes(file);
        assertEquals(0x89, head[0] & 0xff);
        assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), "PNG signature");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "ImageIO decodes " + file);
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
        return img;
    }

    /** Pixels of one colour above the legend (which shows every series' colour at the bottom). */
    static long count(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < 540; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static ReportRow row(double fraction, String predictor, double f1) {
        return new ReportRow(fraction, fraction, predictor, "pc1-threshold", f1, f1, f1, new double[] {f1, f1}, 1, 1, 1, 1);
    }

    @Test
    void lossCurveIsAPngWithEveryKindOfPoint() throws IOException {
        LossHistory h = new LossHistory();
        for (int e = 1; e <= 50; e++) {
            h.add(e, 1.0 / e, e % 5 == 0 ? 1.2 / e : Double.NaN);   // validation only every fifth epoch
        }
        h.add(51, Double.NaN, Double.POSITIVE_INFINITY);             // a diverged epoch
        Path f = dir.resolve("loss.png");
        Charts.lossCurve(h, "aelle training", f);
        png(f);
    }

    @Test
    void lossCurveOfNothingOrOnePointDoesNotCrash() throws IOException {
        Charts.lossCurve(new LossHistory(), "empty", dir.resolve("empty.png"));
        png(dir.resolve("empty.png"));
        LossHistory one = new LossHistory();
        one.add(1, 0.5, 0.6);
        Charts.lossCurve(one, "one", dir.resolve("one.png"));
        png(dir.resolve("one.png"));
    }

    @Test
    void f1CurvesDrawEveryPredictor() throws IOException {
        Report r = new Report("s", 0.1, Map.of("train", 6L, "validation", 2L, "test", 2L), List.of(
                row(0.0, "loss-threshold", 0.1), row(0.5, "loss-threshold", 0.5), row(1.0, "loss-threshold", 0.9),
                row(0.0, "aelle", 0.3), row(0.5, "aelle", Double.NaN), row(1.0, "aelle", 0.95),
                row(0.5, "spectrum-pca", 0.4)));   // one point only
        Path f = dir.resolve("f1.png");
        Charts.f1Curves(r, f);
        png(f);
    }

    @Test
    void f1CurvesOfAnEmptyReportIsStillAPng() throws IOException {
        Charts.f1Curves(new Report("s", 0.1, Map.of(), List.of()), dir.resolve("none.png"));
        png(dir.resolve("none.png"));
    }

    @Test
    void planeShadesTheRegionAndColoursBothClasses() throws IOException {
        double[][] pts = new double[40][];
        boolean[] low = new boolean[40];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {i - 20, Math.sin(i)};
            low[i] = i < 20;
        }
        Path f = dir.resolve("plane.png");
        Charts.plane(pts, low, new Pc1Threshold(0, true), "plane", f);
        BufferedImage img = png(f);
        assertTrue(count(img, REGION) > 10_000, "the low-error half plane is shaded");
        assertTrue(count(img, LOW) > 100, "low-error points drawn");
        assertTrue(count(img, HIGH) > 100, "high-error points drawn");
    }

    @Test
    void planeWithOneClassOnlyAndAnEmptyRegion() throws IOException {
        double[][] pts = {{1, 1}, {2, 3}, {3, 2}};
        Path f = dir.resolve("one-class.png");
        Charts.plane(pts, new boolean[] {true, true, true}, new Pc1Threshold(-100, true), "one class", f);
        BufferedImage img = png(f);
        assertTrue(count(img, LOW) > 20);
        assertEquals(0, count(img, HIGH), "no high-error point, none drawn");
        assertEquals(0, count(img, REGION), "the classifier says low nowhere on the plot");
    }

    @Test
    void planeOfASinglePointShowsThePointAndItsSide() throws IOException {
        Path f = dir.resolve("single.png");
        Charts.plane(new double[][] {{0.25, -0.5}}, new boolean[] {false}, new Pc1Threshold(0.25, false), "single", f);
        BufferedImage img = png(f);
        assertTrue(count(img, HIGH) > 5, "the point is drawn");
        long region = count(img, REGION);
        assertTrue(region > 10_000, "the region right of the point is shaded: " + region);
    }

    @Test
    void planeIgnoresNonFinitePointsInsteadOfLosingTheAxes() throws IOException {
        double[][] pts = {{0, 0}, {1, 1}, {Double.NaN, 0.5}, {0.5, Double.POSITIVE_INFINITY}, {2, 2}};
        boolean[] low = {true, false, true, false, false};
        Path f = dir.resolve("nan.png");
        Charts.plane(pts, low, new Pc1Threshold(0.5, true), "nan", f);
        BufferedImage img = png(f);
        assertTrue(count(img, REGION) > 10_000, "the finite points still set the axes and the region is shaded");
        assertTrue(count(img, LOW) > 5 && count(img, HIGH) > 10, "the three finite points are drawn");
    }

    @Test
    void planeWithNoFinitePointIsStillAPng() throws IOException {
        Charts.plane(new double[0][], new boolean[0], new Pc1Threshold(0, true), "empty", dir.resolve("empty.png"));
        png(dir.resolve("empty.png"));
        Charts.plane(new double[][] {{Double.NaN, Double.NaN}}, new boolean[] {true}, new Pc1Threshold(0, true), "nan",
                dir.resolve("all-nan.png"));
        png(dir.resolve("all-nan.png"));
    }

    @Test
    void pickTakesTheNearestAvailableFractionsOnce() {
        List<Double> available = List.of(0.0, 0.1, 0.2, 0.3, 0.6, 1.0);
        assertEquals(List.of(0.0, 0.2, 0.3, 0.6, 1.0), Charts.pick(available, 0.04, 0.2, 0.35, 0.5, 1.0));
        assertEquals(List.of(0.5), Charts.pick(List.of(0.5), 0.05, 0.2, 1.0));
        assertFalse(Charts.pick(List.of(0.5), 0.1).isEmpty());
        assertTrue(Charts.pick(List.of(), 0.05, 0.2).isEmpty(), "no fraction, no plane charts");
    }
}
