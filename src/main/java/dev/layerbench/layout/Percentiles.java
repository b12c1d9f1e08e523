package dev.layerbench.layout;

import java.util.Collection;
import org.HdrHistogram.Histogram;

/**
 * A distribution of durations summarized as HdrHistogram records it (three significant digits): count, mean, p50,
 * p90, p99 and max, in nanoseconds.
 */
public record Percentiles(long count, double mean, long p50, long p90, long p99, long max) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);

    /** The distribution of {@code nanos} (each at least 1). */
    public static Percentiles of(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            return EMPTY;
        }
        Histogram h = new Histogram(3);
        for (long n : nanos) {
            h.recordValue(Math.max(1, n));
        }
        return new Percentiles(
                h.getTotalCount(),
                h.getMean(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getMaxValue());
    }
}
