package dev.layerbench.bench;

import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.union.Lookup;
import dev.layerbench.union.Node;
import dev.layerbench.union.UnionView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does the first lookup after opening a stack take (cold index: every contributing directory listed and
 * merged on the way), the counterpart of the kernel's first {@code stat} after mount? The layer directories stay in
 * the page cache (as they do for the kernel's comparison row); the project's caches are new for every lookup.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar FirstLookupBench -p depth=500}
 *
 * <p>Result: see README, "Union view".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@State(Scope.Benchmark)
public class FirstLookupBench {

    @Param({"1", "128", "500"})
    public int depth;

    @Param({"."})
    public String dir;

    private StackFixture stack;
    private UnionView fresh;

    @Setup(Level.Trial)
    public void build() throws IOException {
        stack = new StackFixture(Path.of(dir), depth, 1000);
        if (LayerStack.of(stack.layers, LayerCache.cold()).view(Lookup.INDEXED).lookup(StackFixture.HIT_BOTTOM).isEmpty()) {
            throw new IllegalStateException("fixture lacks " + StackFixture.HIT_BOTTOM);
        }
    }

    /** A view over new caches, as after opening the stack. Outside the measured time. */
    @Setup(Level.Invocation)
    public void open() {
        fresh = LayerStack.of(stack.layers, LayerCache.cold()).view(Lookup.INDEXED);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        stack.delete();
    }

    @Benchmark
    public Optional<Node> firstLookup() {
        return fresh.lookup(StackFixture.HIT_BOTTOM);
    }
}
