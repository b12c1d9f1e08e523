package dev.layerbench.bench;

import dev.layerbench.dataset.StackFixture;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.UnionView;
import java.io.IOException;
import java.nio.file.Path;
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
 * How long does building the whole merged index of a stack take (every directory listed and merged, from new caches),
 * and how much heap does it hold per path? The stack is a {@link StackFixture} of {@code depth} layers over a bottom
 * layer of {@code files} files; the trial's setup builds the index once, counts its paths and prints the heap it holds
 * per path (used heap after a full GC, with and without the index) to the benchmark's output.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar IndexBuildBench -p files=100000}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar IndexBuildBench -f 1 -wi 1 -i 3}, files
 * 20000, depth 8): 132.7 ± 235.2 ms/op (3 single shots); the setup printed 20,084 paths, 64 merged directories, 343
 * bytes of heap per path.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class IndexBuildBench extends ForkedBench.Heap4g {

    @Param({"20000"})
    public int files;

    @Param({"8"})
    public int depth;

    @Param({"."})
    public String dir;

    private StackFixture stack;

    @Setup(Level.Trial)
    public void build() throws IOException {
        stack = StackFixture.create(Path.of(dir), depth, files, StackFixture.TopWhiteout.OCI);
        long before = usedHeap();
        LayerCache cache = LayerCache.cold();
        int paths = walk(LayerStack.of(stack.layers(), cache).view(Lookup.INDEXED), "");
        long after = usedHeap();
        if (paths < files) {
            throw new IllegalStateException("index holds " + paths + " paths, fewer than the " + files + " files made");
        }
        System.out.printf(
                "%nindex: %d paths, %d merged directories, %.0f bytes of heap per path (%.0f MB per million paths)%n",
                paths, cache.mergedDirectories(), (after - before) / (double) paths, (after - before) / (double) paths);
        java.lang.ref.Reference.reachabilityFence(cache);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static int walk(UnionView view, String d) {
        int n = 0;
        for (String name : view.list(d)) {
            String p = d.isEmpty() ? name : d + "/" + name;
            n++;
            if (view.lookup(p).orElseThrow().isDirectory()) {
                n += walk(view, p);
            }
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        stack.delete();
    }

    /** Builds the full index from new caches: every directory of every layer read and merged. */
    @Benchmark
    public int fullIndex() {
        return walk(LayerStack.of(stack.layers(), LayerCache.cold()).view(Lookup.INDEXED), "");
    }
}
