package dev.layerbench.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The fork settings every benchmark shares, in one place: one fork, native access for the project's FFM calls
 * (statx, mount, the page-cache probes), and no warning for the libraries' {@code sun.misc.Unsafe} memory access. A
 * benchmark extends this class, or the nested class of the heap it needs, and declares no {@code @Fork} of its own.
 *
 * <p>JMH reads {@code @Fork} from the benchmark method, then its class, then the superclasses, attribute by
 * attribute: an attribute a subclass sets replaces the superclass's whole value, so each heap class below repeats
 * the two flags (through the constants) before its {@code -Xmx}. The heap is appended, so it wins over a {@code -Xmx}
 * the host JVM was started with. Mode, warm-up, measurement and time unit stay on each benchmark: they are part of
 * its question and differ from one to the next.
 *
 * <p>Check: {@code java -jar target/benchmarks.jar -lp} lists the benchmarks; a run prints the forked JVM's flags on
 * its {@code # VM options:} line. A {@code -jvmArgsAppend} on the command line replaces these flags (JMH's rule), so
 * pass extra properties with {@code -jvmArgsPrepend} instead.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {ForkedBench.NATIVE_ACCESS, ForkedBench.UNSAFE_ACCESS})
public abstract class ForkedBench {

    /** Lets the project link native calls without a warning. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** Lets libraries use {@code sun.misc.Unsafe} memory access without a warning (JDK 24 and later warn). */
    static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    /** A benchmark whose fork has at most 1 GiB of heap. */
    @Fork(jvmArgsAppend = {NATIVE_ACCESS, UNSAFE_ACCESS, "-Xmx1g"})
    public abstract static class Heap1g extends ForkedBench {}

    /** A benchmark whose fork has at most 2 GiB of heap. */
    @Fork(jvmArgsAppend = {NATIVE_ACCESS, UNSAFE_ACCESS, "-Xmx2g"})
    public abstract static class Heap2g extends ForkedBench {}

    /** A benchmark whose fork has at most 4 GiB of heap. */
    @Fork(jvmArgsAppend = {NATIVE_ACCESS, UNSAFE_ACCESS, "-Xmx4g"})
    public abstract static class Heap4g extends ForkedBench {}
}
