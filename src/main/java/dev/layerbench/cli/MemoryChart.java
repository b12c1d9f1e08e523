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
import java.util.function.Function;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of the page cache a layout holds after N containers read their working set, against N, one line per layout (and filesystem), log-log. */
final class MemoryChart {

    private MemoryChart() {
    }

    /** Writes the chart atomically to {@code png}; runs are the medians per layout and N. */
    static void write(List<LayoutRun.Result> runs, Function<LayoutRun.Result, String> name, String title, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, XYSeries> series = new TreeMap<>();
        for (LayoutRun.Result r : runs) {
            if (r.reads().isPresent()) {
                series.computeIfAbsent(name.apply(r), XYSeries::new).add(r.n(), r.reads().get().pageCacheBytes() / 1e6);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "containers (N)", "MB of page cache", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis x = new LogarithmicAxis("containers (N)");
        x.setAllowNegativesFlag(false);
        LogarithmicAxis y = new LogarithmicAxis("MB in page cache (layout's files, each inode once, cachestat)");
        y.setAllowNegativesFlag(false);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        Plots.style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            // shared-kernel lies on shared (the same layer files): dashed, so both stay visible
            boolean dashed = data.getSeriesKey(i).toString().startsWith(LayoutKind.SHARED_KERNEL.label());
            renderer.setSeriesStroke(i, dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f) : new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        Plots.writePng(chart, png, 900, 560);
        Files.setPosixFilePermissions(png, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
