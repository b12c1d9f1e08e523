package dev.layerbench.bench;

import java.util.SplittableRandom;
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
 * How fast is this machine, on work no project change touches? The yardstick {@code compare} divides by, so that a
 * slower or busier machine does not read as a regression.
 *
 * <p>{@code cpu}: a fixed-seed loop of 2^22 dependent integer (xorshift, multiply) and floating-point (multiply-add,
 * division) steps, one core, all in registers. {@code memory}: a walk of 2^18 dependent loads through a single random
 * cycle over a 64 MiB {@code int[]} (far larger than L2 and than most L3 slices), so each step is a cache miss and
 * the time is memory latency. Both kernels and their inputs are fixed; their results are checked against the values
 * computed in setup, so a broken kernel fails rather than measures. Average time per operation: about 22 ms (cpu)
 * and 40-55 ms (memory) on the 2-core AMD EPYC VM.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar CalibrationBench} (about 15 s: one fork per kernel, 2 s warm-up, 3 s
 * measurement, plus building the array).
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar CalibrationBench -f 1 -wi 1 -i 3}): cpu
 * 22.1 ± 2.2 ms/op, memory 50.6 ± 17.2 ms/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class CalibrationBench extends ForkedBench.Heap1g {

    /** Steps of the CPU kernel per operation. */
    static final int CPU_STEPS = 1 << 22;
    /** Entries of the walked array: 2^24 ints, 64 MiB. */
    static final int MEMORY_ENTRIES = 1 << 24;
    /** Dependent loads per operation. */
    static final int MEMORY_STEPS = 1 << 18;

    static final long SEED = 20261128L;

    private int[] next;
    private long cpuExpected;
    private int memoryExpected;

    /** Builds one random cycle through the array (Sattolo's shuffle, fixed seed) and the kernels' expected results. */
    @Setup(Level.Trial)
    public void prepare() {
        next = new int[MEMORY_ENTRIES];
        for (int i = 0; i < next.length; i++) {
            next[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = next.length - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        cpuExpected = cpuKernel(SEED, CPU_STEPS);
        memoryExpected = walk(next, MEMORY_STEPS);
        if (cpu() != cpuExpected || memory() != memoryExpected) {
            throw new IllegalStateException("calibration kernels are not deterministic");
        }
    }

    @Benchmark
    public long cpu() {
        return cpuKernel(SEED, CPU_STEPS);
    }

    @Benchmark
    public int memory() {
        return walk(next, MEMORY_STEPS);
    }

    static long cpuKernel(long seed, int steps) {
        long x = seed;
        double f = 1.0;
        for (int i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            x *= 0x9E3779B97F4A7C15L;
            f = f * 1.0000001 + (x & 0xFF) / 256.0;
            f = f / 1.0000003;
        }
        return x ^ Double.doubleToLongBits(f);
    }

    static int walk(int[] next, int steps) {
        int at = 0;
        for (int i = 0; i < steps; i++) {
            at = next[at];
        }
        return at;
    }
}
