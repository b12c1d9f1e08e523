package dev.layerbench.bench;

import java.util.Locale;

/**
 * The regression gate's planted slow-down, reaching every benchmark family: with the environment variable
 * {@value #ENV} set to a fraction (0.10), each gated benchmark's operation takes that fraction longer, as if the code
 * under test had become slower; unset, it costs nothing. {@code .ci/bench-gate --self-test} sets it on one side of an
 * A/B run to measure the gate's power ({@link GateProbeBench} does the same for one fixed kernel).
 *
 * <p>How: the operation's own time is measured (every call for operations over 10 us, every 64th call for faster ones,
 * so two clock reads do not swamp a 100 ns lookup) into a moving average (a call over four times the average counts as
 * four times it, so a pause does not inflate the padding), and each call then spins on a dependent
 * arithmetic chain for {@code fraction} of that average, the chain's speed calibrated once per JVM. The padding
 * follows the work measured in the same fork, so it is proportional in CPU-bound and disk-bound benchmarks alike.
 *
 * <p>Timing-neutral when off: {@link #ON} is a static final {@code false}, so the JIT folds {@link #begin()} and
 * {@link #end(long)} away. Environment, not a system property, so that JMH's forked JVMs inherit it without
 * {@code -jvmArgsAppend}, which would replace the benchmarks' own JVM flags.
 *
 * <p>Use: {@code long t = PlantedSlowdown.begin(); ...operation...; PlantedSlowdown.end(t);}
 */
public final class PlantedSlowdown {

    /** The environment variable: the planted slow-down as a fraction of each operation's time. */
    public static final String ENV = "LAYERBENCH_GATE_SLOWDOWN";

    static final double FRACTION = parse(System.getenv(ENV));
    static final boolean ON = FRACTION > 0;

    private static final long ALWAYS_TIME_ABOVE_NANOS = 10_000;
    private static double stepsPerNano;
    private static double meanNanos;
    private static long calls;
    private static volatile long sink;

    private PlantedSlowdown() {}

    /** Call before the operation; pass the result to {@link #end(long)}. */
    public static long begin() {
        if (!ON) {
            return 0;
        }
        if (meanNanos == 0 || meanNanos > ALWAYS_TIME_ABOVE_NANOS || (calls++ & 63) == 0) {
            return System.nanoTime();
        }
        return 0;
    }

    /** Call after the operation: records its time (when {@code start} is a clock reading) and pads it. */
    public static void end(long start) {
        if (!ON) {
            return;
        }
        if (start != 0) {
            double took = System.nanoTime() - start;
            // a pause (GC, a descheduled thread) counts as at most 4 means: unclamped, one 50 us pause in a 120 ns
            // lookup raised the padding of the next few thousand calls, and whole iterations came out 40% slower
            meanNanos = meanNanos == 0 ? took : meanNanos * 0.9 + Math.min(took, 4 * meanNanos) * 0.1;
        }
        if (stepsPerNano == 0) {
            stepsPerNano = calibrate();
        }
        sink = GateProbeBench.spin(sink, (int) Math.min(Integer.MAX_VALUE, FRACTION * meanNanos * stepsPerNano));
    }

    /** Dependent steps of {@link GateProbeBench#spin} per nanosecond on this JVM, after a warm-up. */
    private static double calibrate() {
        int steps = 1 << 22;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            sink = GateProbeBench.spin(sink + i, steps);
            best = Math.min(best, System.nanoTime() - t);
        }
        return steps / best;
    }

    static double parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            double f = Double.parseDouble(value.trim());
            if (f >= 0 && f <= 10) {
                return f;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                String.format(Locale.ROOT, "%s=%s: not a fraction between 0 and 10", ENV, value));
    }
}
