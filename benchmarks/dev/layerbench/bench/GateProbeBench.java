package dev.layerbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the regression gate notice a slow-down? Not a question about images: a fixed amount of integer work that the
 * system property {@value #WORK_PROPERTY} multiplies (default 1). It is a property, not a {@code @Param}, so that the
 * slowed run has the same benchmark, mode and parameters as the baseline and {@code compare} matches the two: a test
 * plants an exact 3x slow-down ({@code -D}{@value #WORK_PROPERTY}{@code =3}) and checks that it is flagged while two
 * runs of unchanged work pass. Excluded from the recorded profiles.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar GateProbeBench -f 1 -wi 1 -i 3 -jvmArgsAppend -Dlayerbench.probe.work=3}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar GateProbeBench -f 1 -wi 1 -i 3}, work 1):
 * 121.3 ± 15.4 us/op. The time per operation scales with the work; {@code GateRunTest} checks that the gate flags the
 * 3x run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class GateProbeBench extends ForkedBench {

    /** Dependent steps per unit of work. */
    static final int STEPS = 1 << 16;

    /** System property: units of work per operation, 1 normally, 3 for the planted slow-down. */
    public static final String WORK_PROPERTY = "layerbench.probe.work";

    private int work;

    @Setup(Level.Trial)
    public void check() {
        work = Integer.getInteger(WORK_PROPERTY, 1);
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
