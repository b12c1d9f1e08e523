package dev.layerbench.bench;

import dev.layerbench.dataset.StackFixture;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.Node;
import dev.layerbench.union.StackIndex;
import dev.layerbench.union.UnionView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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
 * How long do opening a stack and its first lookup take, the counterpart of the kernel's first {@code stat} after
 * mount? {@code MERGED}: new caches, so every contributing directory on the path is listed and merged on the way.
 * {@code PERSISTED}: the stack's {@link StackIndex} file, written once in setup, is mapped and binary-searched. The
 * layer directories and the index file stay in the page cache, as the layers do for the kernel's comparison row.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar FirstLookupBench -p depth=500}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar FirstLookupBench -f 1 -wi 1 -i 3 -p
 * depth=128}): MERGED 11,703.7 ± 5,536.5 us/op, PERSISTED 44.2 ± 45.0 us/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class FirstLookupBench extends ForkedBench.Heap4g {

    @Param({"1", "128", "500"})
    public int depth;

    @Param({"MERGED", "PERSISTED"})
    public String index;

    @Param({"."})
    public String dir;

    private StackFixture stack;
    private LayerStack layers;
    private Path indexFile;

    @Setup(Level.Trial)
    public void build() throws IOException {
        stack = StackFixture.create(Path.of(dir), depth, 1000, StackFixture.TopWhiteout.OCI);
        layers = LayerStack.of(stack.layers(), LayerCache.cold());
        indexFile = stack.root().resolve("stack.idx");
        StackIndex.write(layers, indexFile);
        if (firstLookup().isEmpty()) {
            throw new IllegalStateException("fixture lacks " + StackFixture.HIT_BOTTOM);
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        stack.delete();
    }

    @Benchmark
    public Optional<Node> firstLookup() throws IOException {
        long t = PlantedSlowdown.begin();
        UnionView view = index.equals("PERSISTED")
                ? StackIndex.open(layers, indexFile)
                : LayerStack.of(stack.layers(), LayerCache.cold()).view(Lookup.INDEXED);
        Optional<Node> n = view.lookup(StackFixture.HIT_BOTTOM);
        PlantedSlowdown.end(t);
        return n;
    }
}
