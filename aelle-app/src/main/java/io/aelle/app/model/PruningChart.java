package io.aelle.app.model;

import io.aelle.model.pruning.PruningBench;
import io.aelle.model.pruning.PruningSummary;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Epochs consumed against regret: one small point per (pruner, order), one large point per pruner's mean. */
public final class PruningChart {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One colour per pruner, the same for its mean and its orders. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private PruningChart() {
    }

    public static void write(String study, List<PruningBench.Result> results, PruningSummary summary, Path png) throws IOException {
        Map<String, XYSeries> orders = new LinkedHashMap<>();
        for (PruningBench.Result r : results) {
            orders.computeIfAbsent(r.pruner(), k -> new XYSeries(k + " (orders)", false, true))
                    .add(r.metrics().epochsShare(), r.metrics().regret());
        }
        List<String> names = summary.lines().stream().map(PruningSummary.Line::pruner).toList();
        XYSeriesCollection c = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int i = 0;
        for (PruningSummary.Line l : summary.lines()) {
            XYSeries mean = new XYSeries(l.pruner() + " (mean)");
            mean.add(l.epochsShare().mean(), l.regret().mean());
            c.addSeries(mean);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-7, -7, 14, 14));
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            i++;
        }
        for (Map.Entry<String, XYSeries> e : orders.entrySet()) {
            c.addSeries(e.getValue());
            Color colour = PALETTE[names.indexOf(e.getKey()) % PALETTE.length];
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            renderer.setSeriesPaint(i, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140));
            renderer.setSeriesVisibleInLegend(i, false);
            i++;
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Pruners on study " + study + ": epochs consumed vs regret",
                "epochs consumed (share of no pruning)", "regret (best kept final loss − best final loss)", c,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRenderer(renderer);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 600);
    }
}
