package dev.layerbench.cli;

import dev.layerbench.results.Plots;
import dev.layerbench.sizing.SizingReport;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code size --chart FILE.png}: bytes on disk against the number of containers, one line per layout, from the
 * sizing model (fixed part plus per-container parts), the fleet's container counts scaled from 5% to 100% in 5% steps;
 * bytes on a logarithmic axis, since flat copies outgrow the others by orders of magnitude. Written atomically.
 */
final class SizeChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final int STEPS = 20;

    private SizeChart() {}

    static void write(SizingReport r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (SizingReport.LayoutSize l : r.layouts()) {
            XYSeries s = new XYSeries(l.layout().label());
            for (int step = 1; step <= STEPS; step++) {
                int[] counts = new int[r.images().size()];
                long total = 0;
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = (int) Math.round((double) r.images().get(i).containers() * step / STEPS);
                    total += counts[i];
                }
                s.add(total, l.bytesFor(counts) / 1e9);
            }
            data.addSeries(s);
        }
        String title = String.format(
                "%d images, %s, workload %s",
                r.images().size(), r.fs().label(), r.workload().format());
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "containers", "bytes on disk (GB)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis y = new LogarithmicAxis("bytes on disk (GB, log scale)");
        y.setStrictValuesFlag(false);
        y.setExpTickLabelsFlag(false);
        plot.setRangeAxis(y);
        Plots.style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("--chart " + file + ": directory " + dir + " does not exist");
        }
        Plots.writePng(chart, target, WIDTH, HEIGHT);
    }
}
