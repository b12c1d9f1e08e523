package dev.layerbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the regression gate notice a slow-down? Not a question about images: a fixed amount of integer work whose
 * {@code work} parameter multiplies it, so a test can plant an exact 3x slow-down ({@code -p work=3}) and check that
 * {@code compare} flags it while two runs of {@code work=1} pass. Excluded from the recorded profiles.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar GateProbeBench -p work=1,3 -f 1 -wi 1 -i 3}
 *
 * <p>Result: see results/README.md (the time per operation scales with {@code work}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class GateProbeBench {

    /** Dependent steps per unit of work. */
    static final int STEPS = 1 << 16;

    /** Units of work per operation: 1 normally, 3 for the planted slow-down. */
    @Param({"1"})
    public int work;

    @Setup(Level.Trial)
    public void check() {
        if (work < 1) {
            throw new IllegalArgumentException("work must be at least 1: " + work);
        }
        if (spin(1, STEPS) == spin(2, STEPS)) {
            throw new IllegalStateException("the probe's kernel does not depend on its input");
        }
    }

    @Benchmark
    public long spin() {
        return spin(work, STEPS * work);
    }

    /** A chain of dependent multiply-xorshift steps: the JIT can neither skip nor vectorize it. */
    static long spin(long seed, int steps) {
        long x = seed;
        for (int i = 0; i < steps; i++) {
            x = (x ^ (x >>> 29)) * 0xBF58476D1CE4E5B9L + i;
        }
        return x;
    }
}
