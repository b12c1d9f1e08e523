package dev.layerbench.results;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * JMH's score units ({@code ops/s}, {@code ms/op}, {@code us/op}...) and the factor that takes a score from one to
 * another of the same kind, so a run made with {@code -tu ms} still compares with one made in seconds.
 */
final class Units {

    private static final Map<String, Double> SECONDS =
            Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

    private Units() {}

    /** Factor f with {@code score in to = f * score in from}, or empty when the units are not of one kind. */
    static OptionalDouble factor(String from, String to) {
        if (from.equals(to)) {
            return OptionalDouble.of(1);
        }
        String[] a = from.split("/", 2);
        String[] b = to.split("/", 2);
        if (a.length != 2 || b.length != 2) {
            return OptionalDouble.empty();
        }
        if (a[1].equals(b[1]) && SECONDS.containsKey(a[0]) && SECONDS.containsKey(b[0])) {
            // time per op: ms/op -> s/op multiplies by 1e-3
            return OptionalDouble.of(SECONDS.get(a[0]) / SECONDS.get(b[0]));
        }
        if (a[0].equals(b[0]) && SECONDS.containsKey(a[1]) && SECONDS.containsKey(b[1])) {
            // ops per time: ops/ms -> ops/s multiplies by 1e3
            return OptionalDouble.of(SECONDS.get(b[1]) / SECONDS.get(a[1]));
        }
        return OptionalDouble.empty();
    }
}
