package dev.layerbench.cli;

import dev.layerbench.layout.LayoutRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of the page cache a layout holds after N containers read their working set, against N, one line per layout (and filesystem), log-log. */
final class MemoryChart {

    private MemoryChart() {}

    /** Writes the chart atomically to {@code png}; runs are the medians per layout and N. */
    static void write(List<LayoutRun.Result> runs, Function<LayoutRun.Result, String> name, String title, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, XYSeries> series = new TreeMap<>();
        for (LayoutRun.Result r : runs) {
            if (r.reads().isPresent()) {
                series.computeIfAbsent(name.apply(r), XYSeries::new)
                        .add(r.n(), r.reads().get().pageCacheBytes() / 1e6);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        LayoutChart.writeLogLog(
                data, title, "MB of page cache", "MB in page cache (layout's files, each inode once, cachestat)", png);
    }
}
