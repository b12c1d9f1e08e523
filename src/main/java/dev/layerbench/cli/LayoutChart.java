package dev.layerbench.cli;

import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.results.Plots;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of bytes on disk (shared base plus N containers) against N, one line per layout, log-log. */
final class LayoutChart {

    private LayoutChart() {}

    /** Writes the chart atomically to {@code png}; runs are the medians per layout and N. */
    static void write(List<LayoutRun.Result> runs, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<LayoutKind, XYSeries> series = new TreeMap<>();
        for (LayoutRun.Result r : runs) {
            series.computeIfAbsent(r.kind(), k -> new XYSeries(k.label()))
                    .add(r.n(), (r.base().bytes() + r.containers().bytes()) / 1e6);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        writeLogLog(
                data,
                title,
                "MB on disk (base + containers)",
                "MB on disk (shared base + containers, st_blocks, each inode once)",
                png);
    }

    /**
     * A chart against N on log-log axes, one line per series, {@code shared-kernel} series dashed (they lie on
     * {@code shared}'s line: the same layer files), written atomically to {@code png}, mode 0644.
     */
    static void writeLogLog(XYSeriesCollection data, String title, String legendAxis, String yAxis, Path png)
            throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "containers (N)", legendAxis, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis x = new LogarithmicAxis("containers (N)");
        x.setAllowNegativesFlag(false);
        LogarithmicAxis y = new LogarithmicAxis(yAxis);
        y.setAllowNegativesFlag(false);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        Plots.style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            boolean dashed = data.getSeriesKey(i).toString().startsWith(LayoutKind.SHARED_KERNEL.label());
            renderer.setSeriesStroke(
                    i,
                    dashed
                            ? new BasicStroke(
                                    2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f)
                            : new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        Plots.writePng(chart, png, 900, 560);
        Files.setPosixFilePermissions(png, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
