package dev.layerbench.results;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes two results the same measurement: the benchmark's full name ({@code package.Class.method}), JMH's mode
 * label and the parameter values.
 */
public record BenchmarkKey(String benchmark, String mode, SortedMap<String, String> params)
        implements Comparable<BenchmarkKey> {

    public BenchmarkKey {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        if (benchmark.isBlank() || mode.isBlank()) {
            throw new IllegalArgumentException("benchmark and mode must not be blank");
        }
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? Map.of() : params));
    }

    /** Between a benchmark's name and a secondary metric's, as JMH names them ({@code LayoutBench.create:bytes}). */
    static final String METRIC_SEPARATOR = ":";

    /** The key of this benchmark's secondary metric {@code metric}: same mode and parameters. */
    public BenchmarkKey forMetric(String metric) {
        return new BenchmarkKey(benchmark + METRIC_SEPARATOR + metric, mode, params);
    }

    /** Whether this key names a secondary metric ({@link #forMetric}), not a benchmark's own score. */
    public boolean isMetric() {
        return benchmark.contains(METRIC_SEPARATOR);
    }

    /** Whether {@code label} ({@link #label()}) names a secondary metric. */
    static boolean labelsMetric(String label) {
        int space = label.indexOf(' ');
        return (space < 0 ? label : label.substring(0, space)).contains(METRIC_SEPARATOR);
    }

    /** {@code Class.method} of the benchmark that measures this key, a secondary metric's benchmark for a metric. */
    public String benchmarkShortName() {
        String s = shortName();
        int metric = s.indexOf(METRIC_SEPARATOR);
        return metric < 0 ? s : s.substring(0, metric);
    }

    /** {@code Class.method}, without the package. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** The benchmark class's simple name, e.g. {@code DigestBench}. */
    public String className() {
        String s = shortName();
        int dot = s.indexOf('.');
        return dot < 0 ? s : s.substring(0, dot);
    }

    /** The benchmark method, e.g. {@code oneStream}. */
    public String method() {
        String s = shortName();
        return s.substring(s.indexOf('.') + 1);
    }

    public Direction direction() {
        return Direction.ofMode(mode);
    }

    /** {@code Class.method [mode] a=1 b=2}: one line naming the measurement. */
    public String label() {
        String p = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return shortName() + " [" + mode + "]" + (p.isEmpty() ? "" : " " + p);
    }

    @Override
    public int compareTo(BenchmarkKey o) {
        int c = benchmark.compareTo(o.benchmark);
        if (c != 0) {
            return c;
        }
        c = mode.compareTo(o.mode);
        if (c != 0) {
            return c;
        }
        return ParamOrder.compare(params, o.params);
    }
}
