package dev.layerbench.results;

import dev.layerbench.fs.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * PNG plots of one run, drawn headless with JFreeChart: for every benchmark class whose results vary over a size-like
 * parameter ({@link #AXES}, first match wins: {@code size}, {@code depth}, {@code containers}, {@code n}...), each
 * metric (primary score, and each secondary metric such as {@code mbPerSec} or a byte count) against that parameter,
 * one line per method and combination of the other parameters, with JMH's error as bars. So DigestBench and
 * UnpackBench give throughput against size, UnionLookupBench latency against depth, LayoutBench time and bytes
 * against container count, for whatever of them the file holds.
 */
public final class Plots {

    /** Parameter names that make an x axis, in order of preference. */
    public static final List<String> AXES = List.of("size", "depth", "containers", "n", "layers", "files", "count");

    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    /** A drawn plot: which class and metric, against which parameter, and the file. */
    public record Plot(String className, String mode, String metric, String axis, String unit, Path file) {}

    private Plots() {}

    /** The x-axis parameter for a class's results: the first of {@link #AXES} with two or more numeric values. */
    public static Optional<String> axis(List<BenchmarkResult> results) {
        for (String a : AXES) {
            TreeSet<Double> values = new TreeSet<>();
            boolean numeric = true;
            for (BenchmarkResult r : results) {
                String v = r.key().params().get(a);
                Double d = v == null ? null : ParamOrder.number(v);
                if (v != null && d == null) {
                    numeric = false;
                }
                if (d != null) {
                    values.add(d);
                }
            }
            if (numeric && values.size() >= 2) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Draws every plot the run allows into {@code dir}; returns them in class order. */
    public static List<Plot> draw(ResultsFile run, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<BenchmarkResult>> byClass = run.results().stream()
                .collect(Collectors.groupingBy(r -> r.key().className(), TreeMap::new, Collectors.toList()));
        List<Plot> plots = new ArrayList<>();
        for (Map.Entry<String, List<BenchmarkResult>> e : byClass.entrySet()) {
            Optional<String> axis = axis(e.getValue());
            if (axis.isEmpty()) {
                continue;
            }
            Map<String, List<BenchmarkResult>> byMode = e.getValue().stream()
                    .filter(r -> r.key().params().containsKey(axis.get()))
                    .collect(Collectors.groupingBy(r -> r.key().mode(), TreeMap::new, Collectors.toList()));
            for (Map.Entry<String, List<BenchmarkResult>> m : byMode.entrySet()) {
                TreeSet<String> metrics = new TreeSet<>();
                m.getValue().forEach(r -> metrics.addAll(r.secondary().keySet()));
                List<String> all = new ArrayList<>();
                all.add("");
                all.addAll(metrics);
                for (String metric : all) {
                    drawOne(e.getKey(), m.getKey(), metric, axis.get(), m.getValue(), dir)
                            .ifPresent(plots::add);
                }
            }
        }
        return plots;
    }

    /** One chart; {@code metric} "" is the primary score. Empty when no result has that metric. */
    private static Optional<Plot> drawOne(
            String cls, String mode, String metric, String axis, List<BenchmarkResult> results, Path dir)
            throws IOException {
        Map<String, YIntervalSeries> series = new TreeMap<>();
        String unit = null;
        double min = Double.MAX_VALUE;
        double max = 0;
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        List<String> otherParams = varying(results, axis);
        for (BenchmarkResult r : results) {
            Metric value = metric.isEmpty() ? r.primary() : r.secondary().get(metric);
            Double x = ParamOrder.number(r.key().params().get(axis));
            if (value == null || x == null) {
                continue;
            }
            if (unit == null) {
                unit = value.unit();
            } else if (!unit.equals(value.unit())) {
                continue; // a run mixes units for one metric: plot the first unit only
            }
            String label = r.key().method()
                    + otherParams.stream()
                            .map(p -> " " + p + "=" + r.key().params().get(p))
                            .collect(Collectors.joining());
            double y = value.score();
            double err = Double.isFinite(value.error()) ? value.error() : 0;
            double lo = Math.max(y - err, y * 1e-3);
            series.computeIfAbsent(label, YIntervalSeries::new).add(x, y, lo, y + err);
            min = Math.min(min, lo);
            max = Math.max(max, y + err);
            xMin = Math.min(xMin, x);
            xMax = Math.max(xMax, x);
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        String what = metric.isEmpty() ? "score" : metric;
        ValueAxis xAxis = axis(axis + (xMax / xMin >= 50 ? " (log scale)" : ""), xMin, xMax, axis.equals("size"));
        ValueAxis yAxis = axis(
                what + " (" + unit + (max / min >= 50 ? ", log scale" : "") + ")",
                min,
                max,
                what.toLowerCase(java.util.Locale.ROOT).contains("byte"));
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setDrawXError(false);
        renderer.setErrorPaint(Color.DARK_GRAY);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        style(plot);
        String title = cls + ": " + what + " against " + axis + " [" + mode + "]";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path file =
                dir.resolve(cls + "-" + mode + "-" + (metric.isEmpty() ? "score" : safe(metric)) + "-" + axis + ".png");
        writePng(chart, file, WIDTH, HEIGHT);
        return Optional.of(new Plot(cls, mode, metric.isEmpty() ? "score" : metric, axis, unit, file));
    }

    /** The project's look for a plot: white background, light grey gridlines. */
    public static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    /** Writes a chart as a PNG, never seen half-written: temp file beside it, fsync, atomic rename. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, width, height);
        AtomicFile.write(file, AtomicFile.Durability.FILE_SYNCED, png.toByteArray());
    }

    /**
     * A log axis when the values span 50x or more (sizes from 4 KiB to 64 MiB), else a linear one from zero. Byte
     * axes step by powers of 4 and read in KiB/MiB; others by powers of 10.
     */
    private static ValueAxis axis(String label, double min, double max, boolean bytes) {
        if (min > 0 && max / min >= 50) {
            LogAxis a = new LogAxis(label);
            a.setBase(bytes ? 2 : 10);
            double decades = Math.log(max / min) / Math.log(a.getBase());
            a.setTickUnit(new NumberTickUnit(
                    bytes ? Math.max(2, 2 * Math.ceil(decades / 16)) : Math.max(1, Math.ceil(decades / 8))));
            a.setNumberFormatOverride(new AxisFormat(bytes));
            a.setSmallestValue(min / 2);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        if (bytes) {
            a.setNumberFormatOverride(new AxisFormat(true));
        }
        return a;
    }

    /** The parameters other than the axis that take more than one value: they split the lines. */
    private static List<String> varying(List<BenchmarkResult> results, String axis) {
        Map<String, TreeSet<String>> values = new LinkedHashMap<>();
        results.forEach(r -> r.key()
                .params()
                .forEach((k, v) ->
                        values.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
        return values.entrySet().stream()
                .filter(e -> !e.getKey().equals(axis) && e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
