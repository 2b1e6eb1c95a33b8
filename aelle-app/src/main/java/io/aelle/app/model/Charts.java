package io.aelle.app.model;

import io.aelle.model.classify.PlaneClassifier;
import io.aelle.model.embedding.training.LossHistory;
import io.aelle.model.evaluation.Baselines;
import io.aelle.model.evaluation.Report;
import io.aelle.model.evaluation.ReportRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNGs of training and evaluation (jfreechart, headless). */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final int GRID = 120;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    public static void lossCurve(LossHistory history, String title, Path png) throws IOException {
        XYSeries train = new XYSeries("training loss");
        XYSeries val = new XYSeries("validation loss");
        for (double[] p : history.points()) {
            train.add(p[0], p[1]);
            if (Double.isFinite(p[2])) {
                val.add(p[0], p[2]);
            }
        }
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(train);
        c.addSeries(val);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "loss", c, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * F1 versus training fraction, one line per predictor (best classifier row per predictor and fraction); the
     * baselines without a spectrum dashed.
     */
    public static void f1Curves(Report report, Path png) throws IOException {
        Map<String, XYSeries> series = new TreeMap<>();
        for (ReportRow r : report.rows()) {
            series.computeIfAbsent(r.predictor(), XYSeries::new).addOrUpdate(r.fraction(), r.f1());
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("F1 on test runs, study " + report.study(), "fraction of training",
                "F1", c, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < c.getSeriesCount(); i++) {
            // dashed: the baselines that read no spectrum, so a Lyapunov predictor's line stands out against them
            boolean reference = Baselines.REFERENCES.contains(String.valueOf(c.getSeriesKey(i)));
            r.setSeriesStroke(i, reference ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
        }
        chart.getXYPlot().setRenderer(r);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * Points on the PCA plane coloured by their run's final error, over the classifier's low-error region
     * (shaded), like the AeLLE paper's Fig. 5.
     */
    public static void plane(double[][] points, boolean[] lowError, PlaneClassifier classifier, String title, Path png)
            throws IOException {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            if (!finite(p)) {
                continue;
            }
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        if (minX > maxX) {                     // no finite point: an empty unit plot
            minX = minY = -1;
            maxX = maxY = 1;
        }
        double padX = pad(minX, maxX);
        double padY = pad(minY, maxY);
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        XYSeries region = new XYSeries("classifier: low error region (" + classifier.name() + ")");
        double dx = (maxX - minX) / GRID;
        double dy = (maxY - minY) / GRID;
        for (int i = 0; i <= GRID; i++) {
            for (int j = 0; j <= GRID; j++) {
                double x = minX + i * dx;
                double y = minY + j * dy;
                if (classifier.lowError(new double[] {x, y})) {
                    region.add(x, y);
                }
            }
        }
        XYSeries low = new XYSeries("final loss below threshold");
        XYSeries high = new XYSeries("final loss above threshold");
        for (int i = 0; i < points.length; i++) {
            if (finite(points[i])) {
                (lowError[i] ? low : high).add(points[i][0], points[i][1]);
            }
        }
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(region);
        c.addSeries(high);
        c.addSeries(low);
        JFreeChart chart = ChartFactory.createScatterPlot(title, "PC1", "PC2", c, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Rectangle2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(0, new Color(200, 230, 200));
        r.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(1, new Color(200, 40, 40));
        r.setSeriesShape(2, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(2, new Color(30, 60, 200));
        plot.setRenderer(r);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);   // region first, points on top
        plot.setBackgroundPaint(Color.WHITE);
        plot.getDomainAxis().setRange(minX, maxX);
        plot.getRangeAxis().setRange(minY, maxY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static boolean finite(double[] p) {
        return Double.isFinite(p[0]) && Double.isFinite(p[1]);
    }

    /** A tenth of the span on each side; a point alone gets a tenth of its magnitude (or 0.1), not a blank axis. */
    private static double pad(double min, double max) {
        double span = max - min;
        return span > 1e-9 * Math.max(Math.abs(min), Math.abs(max)) ? 0.1 * span : Math.max(0.1 * Math.abs(min), 0.1);
    }

    /** The available fractions nearest the wanted ones, each once; none when none is available. */
    static List<Double> pick(List<Double> available, double... wanted) {
        if (available.isEmpty()) {
            return List.of();
        }
        java.util.LinkedHashSet<Double> out = new java.util.LinkedHashSet<>();
        for (double w : wanted) {
            double best = available.get(0);
            for (double a : available) {
                if (Math.abs(a - w) < Math.abs(best - w)) {
                    best = a;
                }
            }
            out.add(best);
        }
        return List.copyOf(out);
    }
}
