package dev.layerbench.results;

/**
 * Which way is better for a JMH mode: throughput ({@code thrpt}) is operations per time, higher is better; the time
 * modes ({@code avgt}, {@code sample}, {@code ss}) are time per operation, lower is better.
 *
 * @see <a href="https://github.com/openjdk/jmh/blob/master/jmh-core/src/main/java/org/openjdk/jmh/annotations/Mode.java">JMH Mode</a>
 */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** JMH's short mode label, as written in result files: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}. */
    public static Direction ofMode(String mode) {
        return "thrpt".equals(mode) ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    /**
     * How many times faster the current run is than the baseline, given {@code ratio = current / baseline} of the
     * scores: above 1 is faster, below 1 slower, whichever the mode.
     */
    public double speedup(double ratio) {
        return this == HIGHER_IS_BETTER ? ratio : 1 / ratio;
    }
}
