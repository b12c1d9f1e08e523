package dev.layerbench.cli;

import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.results.LogLogChart;
import dev.layerbench.results.Plots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
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
     * A chart against N on log-log axes ({@link LogLogChart}), {@code shared-kernel} series dashed (they lie on
     * {@code shared}'s line: the same layer files), written atomically to {@code png}, mode 0644.
     */
    static void writeLogLog(XYSeriesCollection data, String title, String legendAxis, String yAxis, Path png)
            throws IOException {
        JFreeChart chart =
                LogLogChart.of(data, title, legendAxis, yAxis, key -> key.startsWith(LayoutKind.SHARED_KERNEL.label()));
        Plots.writePng(chart, png, 900, 560);
        Files.setPosixFilePermissions(png, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
