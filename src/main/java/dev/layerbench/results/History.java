package dev.layerbench.results;

import dev.layerbench.fs.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Each benchmark's score over the recorded runs of a results directory ({@code record} writes one JSON file and its
 * {@code .machine.json} sidecar per run; runs are ordered by the sidecar's date and named by its commit), with the
 * step changes {@link ChangePoints} finds, listed with the commit range they fall in. Only runs of one machine class
 * are put on one line: a faster machine is not a change in the code. {@code report --history DIR --out OUT} writes
 * {@code OUT/history.md} and one PNG per benchmark class, each result relative to its first run.
 */
public final class History {

    /** One recorded run: its file, sidecar and results. */
    public record Run(Path file, Sidecar sidecar, ResultsFile results) {

        String commit() {
            String c = sidecar.machine().gitCommit();
            return (c.length() > 10 ? c.substring(0, 10) : c)
                    + (sidecar.machine().gitDirty() ? "+" : "");
        }
    }

    /** What was written. */
    public record Written(Path markdown, List<Path> plots, int runs, int steps) {}

    private History() {}

    /** The runs under {@code dir} (recursively) that have a sidecar, oldest first. Fails when there are none. */
    public static List<Run> runs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ResultsException(dir + ": not a directory of recorded runs");
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(
                            f -> f.toString().endsWith(".json") && !f.toString().endsWith(Sidecar.SUFFIX))
                    .sorted()
                    .toList()) {
                var sidecar = Sidecar.find(p);
                if (sidecar.isPresent()) {
                    runs.add(new Run(p, sidecar.get(), ResultsFile.read(p)));
                }
            }
        }
        if (runs.isEmpty()) {
            throw new ResultsException(dir + ": no recorded runs (NAME.json with NAME.machine.json) in it");
        }
        runs.sort(Comparator.comparing((Run r) -> r.sidecar().machine().date()));
        return runs;
    }

    public static Written write(List<Run> runs, Path out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out);
        // machine class -> benchmark -> points (run index within the class, score)
        Map<String, List<Run>> byClass = new TreeMap<>();
        runs.forEach(r -> byClass.computeIfAbsent(r.sidecar().machine().machineClass(), k -> new ArrayList<>())
                .add(r));
        StringBuilder md = new StringBuilder("# Benchmark history\n\n");
        List<Path> plots = new ArrayList<>();
        int steps = 0;
        for (Map.Entry<String, List<Run>> c : byClass.entrySet()) {
            List<Run> rs = c.getValue();
            md.append("## Machine class ")
                    .append(c.getKey())
                    .append("\n\n")
                    .append(rs.size())
                    .append(" runs: ")
                    .append(String.join(
                            ", ",
                            rs.stream()
                                    .map(r -> r.sidecar().machine().date().substring(0, 10) + " " + r.commit())
                                    .toList()))
                    .append("\n\n");
            Map<BenchmarkKey, double[]> series = new TreeMap<>();
            for (int i = 0; i < rs.size(); i++) {
                for (BenchmarkResult b : rs.get(i).results().results()) {
                    double[] s = series.computeIfAbsent(b.key(), k -> nans(rs.size()));
                    s[i] = b.compared().score();
                }
            }
            Table t = new Table("benchmark", ">runs", ">first", ">last", "steps (commit range, change)");
            Map<String, XYSeriesCollection> charts = new TreeMap<>();
            for (Map.Entry<BenchmarkKey, double[]> e : series.entrySet()) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < e.getValue().length; i++) {
                    if (Double.isFinite(e.getValue()[i])) {
                        idx.add(i);
                    }
                }
                double[] x = idx.stream().mapToDouble(i -> e.getValue()[i]).toArray();
                List<String> found = new ArrayList<>();
                for (ChangePoints.Step s : ChangePoints.DEFAULT.find(x)) {
                    found.add(String.format(
                            Locale.ROOT,
                            "%s..%s %+.1f%%",
                            rs.get(idx.get(s.index() - 1)).commit(),
                            rs.get(idx.get(s.index())).commit(),
                            100 * s.change()));
                    steps++;
                }
                t.add(
                        e.getKey().label(),
                        x.length,
                        Table.number(x[0]),
                        Table.number(x[x.length - 1]),
                        found.isEmpty() ? "none" : String.join("; ", found));
                XYSeries line = new XYSeries(e.getKey().label());
                for (int k = 0; k < idx.size(); k++) {
                    line.add(idx.get(k) + 1, x[k] / x[0]);
                }
                charts.computeIfAbsent(e.getKey().className(), k -> new XYSeriesCollection())
                        .addSeries(line);
            }
            md.append(t.markdown()).append('\n');
            for (Map.Entry<String, XYSeriesCollection> ch : charts.entrySet()) {
                Path png = out.resolve("history-" + c.getKey() + "-" + ch.getKey() + ".png");
                XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
                for (int i = 0; i < ch.getValue().getSeriesCount(); i++) {
                    renderer.setSeriesStroke(i, new BasicStroke(1.5f));
                }
                NumberAxis yAxis = new NumberAxis("score relative to its first run");
                yAxis.setAutoRangeIncludesZero(false);
                XYPlot plot = new XYPlot(ch.getValue(), new NumberAxis("run (oldest first)"), yAxis, renderer);
                Plots.style(plot);
                JFreeChart chart = new JFreeChart(
                        ch.getKey() + " over " + rs.size() + " runs (" + c.getKey() + ")",
                        JFreeChart.DEFAULT_TITLE_FONT,
                        plot,
                        ch.getValue().getSeriesCount() <= 12);
                chart.setBackgroundPaint(Color.WHITE);
                Plots.writePng(chart, png, Plots.WIDTH, Plots.HEIGHT);
                plots.add(png);
                md.append("![")
                        .append(ch.getKey())
                        .append("](")
                        .append(png.getFileName())
                        .append(")\n\n");
            }
        }
        Path file = out.resolve("history.md");
        AtomicFile.write(file, AtomicFile.Durability.FILE_SYNCED, md.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(file, plots, runs.size(), steps);
    }

    private static double[] nans(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, Double.NaN);
        return d;
    }
}
