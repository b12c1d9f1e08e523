package dev.layerbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The raw measurements of one benchmark in one or more JMH runs, as time per operation: one list of iteration values
 * per fork. What the gate compares, rather than JMH's single score: a fork is one JVM with its own JIT decisions and
 * memory layout, so forks, not iterations, are the independent units (Kalibera and Jones, "Rigorous benchmarking in
 * reasonable time", ISMM 2013).
 *
 * <p>Values: JMH's {@code rawData} per fork and iteration ({@code avgt}, {@code ss}: time per operation as is;
 * {@code thrpt}: inverted, so higher always means slower); in {@code sample} mode, the interquartile mean of each
 * iteration's {@code rawDataHistogram} ({@link #histogramCenter}).
 *
 * @param key   what was measured
 * @param unit  the unit of the values (for {@code thrpt}, the inverse of JMH's: {@code s/op} for {@code ops/s})
 * @param forks iteration values per fork, each list non-empty
 */
public record ForkSamples(BenchmarkKey key, String unit, List<List<Double>> forks) {

    public ForkSamples {
        forks = forks.stream().map(List::copyOf).toList();
        if (forks.isEmpty() || forks.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException(key.label() + ": no raw samples (a fork without iterations)");
        }
    }

    /** This benchmark's forks followed by {@code other}'s (same key and unit). */
    public ForkSamples plus(ForkSamples other) {
        if (!key.equals(other.key) || !unit.equals(other.unit)) {
            throw new IllegalArgumentException("cannot pool " + key.label() + " [" + unit + "] with "
                    + other.key.label() + " [" + other.unit + "]");
        }
        List<List<Double>> all = new ArrayList<>(forks);
        all.addAll(other.forks);
        return new ForkSamples(key, unit, all);
    }

    /** The mean over forks of each fork's median: the location the gate compares. */
    public double location() {
        double sum = 0;
        for (List<Double> f : forks) {
            sum += Bootstrap.median(f.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return sum / forks.size();
    }

    /**
     * The secondary metrics the gate compares besides each result's time, as their own rows named
     * {@code Class.method:metric} (JMH's name for them): {@code pageCacheBytesPerContainer}, the page cache a layout's
     * files hold per container after N containers read their image ({@code LayoutBench -p read=all}), the memory the
     * shared base promises to hold once for every container. A count, not a time: lower is better, and equal runs give
     * equal values, so any increase past the gate's floor fails. Other secondary metrics are left out.
     */
    public static final java.util.Set<String> GATED_SECONDARY = java.util.Set.of("pageCacheBytesPerContainer");

    /**
     * Every benchmark of each file, forks pooled across files in the order given (one file per gate round), with the
     * {@link #GATED_SECONDARY} metrics a result has (values above zero). Fails with a one-line
     * {@link ResultsException} naming the file when it is not JMH JSON or a result has no raw data.
     */
    public static Map<BenchmarkKey, ForkSamples> read(List<Path> files) throws IOException {
        Map<BenchmarkKey, ForkSamples> pooled = new TreeMap<>();
        for (Path file : files) {
            for (ForkSamples s : readOne(file)) {
                pooled.merge(s.key(), s, ForkSamples::plus);
            }
        }
        return new LinkedHashMap<>(pooled);
    }

    static List<ForkSamples> readOne(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = Json.MAPPER.readTree(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ResultsException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ResultsException(file + ": not JMH JSON results: " + Json.reason(e));
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new ResultsException(
                    file + ": not JMH JSON results (expected a non-empty array; write one with -rf json)");
        }
        List<ForkSamples> out = new ArrayList<>();
        int index = 0;
        for (JsonNode n : root) {
            String where = file + ": result " + index++;
            ForkSamples primary = parse(where, n);
            out.add(primary);
            n.path("secondaryMetrics").properties().forEach(e -> {
                if (GATED_SECONDARY.contains(e.getKey())) {
                    double share = n.path("measurementIterations").asInt(1)
                            * Math.max(1, n.path("forks").asInt(1));
                    secondary(primary.key(), e.getKey(), e.getValue(), share).ifPresent(out::add);
                }
            });
        }
        return out;
    }

    /**
     * One secondary metric of a result as its own samples, keyed {@code benchmark:metric} with the result's mode and
     * parameters; empty when no iteration has a value above zero (the metric was not measured, e.g. without root).
     * Each value is multiplied by {@code shares}: JMH adds an {@code EVENTS} counter up over iterations and forks, so
     * a benchmark that means its counter as a mean (LayoutBench's) reports each measurement iteration's share of it,
     * value / (iterations × forks); scaled back, an iteration's value reads as the quantity itself (bytes).
     */
    static java.util.Optional<ForkSamples> secondary(BenchmarkKey of, String metric, JsonNode node, double shares) {
        List<List<Double>> forks = rawForks(node, x -> x * shares);
        if (forks.isEmpty()) {
            return java.util.Optional.empty();
        }
        BenchmarkKey key = of.forMetric(metric);
        return java.util.Optional.of(new ForkSamples(key, node.path("scoreUnit").asText(""), forks));
    }

    static ForkSamples parse(String where, JsonNode n) throws ResultsException {
        if (!n.path("benchmark").isTextual()
                || !n.path("mode").isTextual()
                || !n.path("primaryMetric").isObject()) {
            throw new ResultsException(where + ": not a JMH result (needs benchmark, mode and primaryMetric)");
        }
        SortedMap<String, String> params = new TreeMap<>();
        n.path("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        BenchmarkKey key =
                new BenchmarkKey(n.get("benchmark").asText(), n.get("mode").asText(), params);
        JsonNode metric = n.get("primaryMetric");
        String unit = metric.path("scoreUnit").asText("");
        boolean invert = key.direction() == Direction.HIGHER_IS_BETTER;
        List<List<Double>> forks = new ArrayList<>();
        if ("sample".equals(key.mode())) {
            for (JsonNode fork : metric.path("rawDataHistogram")) {
                List<Double> medians = new ArrayList<>();
                for (JsonNode iteration : fork) {
                    double m = histogramCenter(iteration);
                    if (Double.isFinite(m)) {
                        medians.add(m);
                    }
                }
                if (!medians.isEmpty()) {
                    forks.add(medians);
                }
            }
        } else {
            forks = rawForks(metric, x -> invert ? 1 / x : x);
        }
        if (forks.isEmpty()) {
            throw new ResultsException(where + " (" + key.label() + "): no raw per-iteration data (rawData"
                    + ("sample".equals(key.mode()) ? "Histogram" : "") + ")");
        }
        return new ForkSamples(key, invert ? invertUnit(unit) : unit, forks);
    }

    /**
     * A metric's {@code rawData}, one list per fork, each finite value above zero passed through {@code value}; forks
     * left empty are dropped.
     */
    private static List<List<Double>> rawForks(JsonNode metric, java.util.function.DoubleUnaryOperator value) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            List<Double> values = new ArrayList<>();
            for (JsonNode v : fork) {
                double x = v.asDouble(Double.NaN);
                if (Double.isFinite(x) && x > 0) {
                    values.add(value.applyAsDouble(x));
                }
            }
            if (!values.isEmpty()) {
                forks.add(values);
            }
        }
        return forks;
    }

    /**
     * The interquartile mean of one iteration's histogram, a list of {@code [value, count]} pairs: the mean of the
     * middle half of the samples. Like the median it ignores the few pauses that wreck a sample-mode mean; unlike
     * the median it is not stuck on one of the clock's discrete values (a 120 ns lookup reads as 110, 120 or 130 ns),
     * so a 5% change moves it by 5% rather than by a whole clock step or not at all.
     */
    static double histogramCenter(JsonNode pairs) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        long total = 0;
        for (JsonNode p : pairs) {
            double value = p.path(0).asDouble(Double.NaN);
            long count = p.path(1).asLong(0);
            if (Double.isFinite(value) && count > 0) {
                counts.merge(value, count, Long::sum);
                total += count;
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        // samples with rank in [q1, q3), as fractional weights at the edges
        double q1 = total * 0.25;
        double q3 = total * 0.75;
        double seen = 0;
        double sum = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            double lo = Math.max(seen, q1);
            double hi = Math.min(seen + e.getValue(), q3);
            if (hi > lo) {
                sum += (hi - lo) * e.getKey();
            }
            seen += e.getValue();
        }
        return sum / (q3 - q1);
    }

    private static String invertUnit(String unit) {
        int slash = unit.indexOf('/');
        if (slash < 0) {
            return "1/(" + unit + ")";
        }
        String per = unit.substring(0, slash);
        return unit.substring(slash + 1) + "/" + (per.equals("ops") ? "op" : per);
    }
}
