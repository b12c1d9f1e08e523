package dev.layerbench.results;

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

    /** Whether this is a result of the calibration benchmark ({@value Calibration#CLASS_NAME}). */
    public boolean isCalibration() {
        return Calibration.CLASS_NAME.equals(key.className());
    }
}
