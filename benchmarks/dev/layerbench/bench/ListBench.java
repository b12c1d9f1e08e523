package dev.layerbench.bench;

import dev.layerbench.dataset.StackFixture;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.UnionView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does a merged directory listing take by depth? Lists {@code etc}, which every layer of the
 * {@link StackFixture} adds a file to (so its listing grows with depth), and {@code usr/lib/d7}, which only the bottom
 * layer and one layer in fifty touch; indexed (warm) vs naive (every layer's directory read on every call).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar ListBench -p depth=128}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar ListBench -f 1 -wi 1 -i 3 -p depth=128 -p
 * directory=etc}): INDEXED 4.622 ± 1.320 us/op, NAIVE 3,367.9 ± 1,573.1 us/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ListBench extends ForkedBench.Heap4g {

    @Param({"1", "32", "128", "500"})
    public int depth;

    @Param({"INDEXED", "NAIVE"})
    public Lookup lookup;

    @Param({"etc", "usr/lib/d7"})
    public String directory;

    @Param({"."})
    public String dir;

    private StackFixture stack;
    private UnionView view;

    @Setup(Level.Trial)
    public void build() throws IOException {
        stack = StackFixture.create(Path.of(dir), depth, 1000, StackFixture.TopWhiteout.OCI);
        view = LayerStack.of(stack.layers(), LayerCache.cold()).view(lookup);
        int expected = directory.equals("etc") ? depth - 1 : 20 + (depth > 7 ? (depth - 1 - 7) / 50 + 1 : 0);
        int got = view.list(directory).size();
        if (got != expected) {
            throw new IllegalStateException(
                    directory + " at depth " + depth + ": " + got + " names, expected " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        stack.delete();
    }

    @Benchmark
    public List<String> list() {
        return view.list(directory);
    }
}
