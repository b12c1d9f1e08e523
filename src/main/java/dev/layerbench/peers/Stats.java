package dev.layerbench.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The runs of one side of a comparison, in nanoseconds, in the order they were taken, with the median, minimum and
 * maximum.
 */
public record Stats(List<Long> nanos) {

    public Stats {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        for (long n : nanos) {
            if (n < 0) {
                throw new IllegalArgumentException("a run took " + n + " ns: negative");
            }
        }
        nanos = List.copyOf(nanos);
    }

    /** The middle run; for an even count, the mean of the two middle ones. */
    public double median() {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    public long min() {
        return Collections.min(nanos);
    }

    public long max() {
        return Collections.max(nanos);
    }

    public int runs() {
        return nanos.size();
    }

    /** {@code a}'s median over {@code b}'s: above 1 when {@code a} is slower. */
    public static double ratio(Stats a, Stats b) {
        double denominator = b.median();
        if (denominator == 0) {
            return a.median() == 0 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        return a.median() / denominator;
    }

    /** A duration for people: {@code 850 ns}, {@code 12.3 us}, {@code 4.56 ms}, {@code 1.23 s}. */
    public static String human(double nanos) {
        if (nanos < 1_000) {
            return String.format(java.util.Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.3g us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(java.util.Locale.ROOT, "%.3g ms", nanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.3g s", nanos / 1e9);
    }
}
