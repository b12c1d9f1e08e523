package dev.layerbench.results;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One entry of a JMH results file: what was measured, how (threads, forks), the primary and secondary metrics. */
public record BenchmarkResult(BenchmarkKey key, int threads, int forks, Metric primary, Map<String, Metric> secondary) {

    public BenchmarkResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(primary, "primary");
        secondary = java.util.Collections.unmodifiableMap(new TreeMap<>(secondary == null ? Map.of() : secondary));
    }

    /**
     * The figure {@code compare} and {@code --spread} use: the primary score, except in sample mode, where it is the
     * median of the samples (JMH's 50th percentile). A sample-mode mean is at the mercy of a few pauses: one 15 ms
     * stall among 100,000 lookups of 120 ns adds 150 ns to it; the median does not move. Its error is unknown.
     */
    public Metric compared() {
        Double median = primary.percentiles().get(50.0);
        if ("sample".equals(key.mode()) && median != null && Double.isFinite(median)) {
            return new Metric(median, Double.NaN, primary.unit(), List.of(), primary.percentiles());
        }
        return primary;
    }

    /** Whether this is a result of the calibration benchmark ({@value Calibration#CLASS_NAME}). */
    public boolean isCalibration() {
        return Calibration.CLASS_NAME.equals(key.className());
    }
}
