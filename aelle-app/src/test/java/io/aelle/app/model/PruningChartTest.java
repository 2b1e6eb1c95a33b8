package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aelle.model.pruning.PruningSummary;
import io.aelle.model.pruning.PruningSummaryTest;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruningChartTest {

    @TempDir
    Path dir;

    @Test
    void writesAPng() throws Exception {
        Path png = dir.resolve("pruning.png");
        PruningChart.write("s", PruningSummaryTest.results(), PruningSummary.of(PruningSummaryTest.results()), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
    }
}
