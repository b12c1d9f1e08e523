package dev.layerbench.bench;

import dev.layerbench.container.Container;
import dev.layerbench.container.ContainerOptions;
import dev.layerbench.container.CopyUp;
import dev.layerbench.digest.Digest;
import dev.layerbench.union.LayerCache;
import dev.layerbench.union.LayerStack;
import dev.layerbench.unpack.WhiteoutForm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
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
 * How long does the first write to a lower file take — the copy-up of {@code size} bytes into the container's upper,
 * then a one-byte write — by strategy, with and without fsync of the copy?
 *
 * <p>The lower file (random bytes) is made on the disk of {@code dir} in the trial's setup and its digest checked; each
 * invocation gets a new, empty upper on the same disk (made and removed outside the measured time), so every
 * measured write copies up. The lower file stays in the page cache, as it does for the kernel's comparison row.
 * {@code CLONE} needs a filesystem that clones (XFS with reflink=1, btrfs): point {@code dir} at one,
 * e.g. {@code -p dir=/mnt/xfs -p copyUp=CLONE}; on ext4 it fails loudly, by design.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar CopyUpBench -p size=4096,67108864,536870912}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar CopyUpBench -f 1 -wi 1 -i 3 -p size=1048576
 * -p durability=NONE}): STREAM 0.334 ± 0.459 ms/op, JDK 0.344 ± 0.650 ms/op (1 MiB). README.md "Copy-up against the
 * kernel's" has the kernel's overlayfs beside it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class CopyUpBench extends ForkedBench {

    @Param({"4096", "1048576", "67108864"})
    public int size;

    @Param({"STREAM", "JDK"})
    public CopyUp copyUp;

    @Param({"NONE", "FSYNC"})
    public ContainerOptions.Durability durability;

    @Param({"."})
    public String dir;

    private Path root;
    private LayerStack stack;
    private Container container;
    private int invocation;

    @Setup(Level.Trial)
    public void lower() throws IOException {
        root = Files.createTempDirectory(Path.of(dir), "copyup-");
        Path layer = root.resolve("lower");
        Files.createDirectories(layer.resolve("data"));
        SplittableRandom random = new SplittableRandom(size);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(layer.resolve("data/file"))) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        Digest written = Digest.of(layer.resolve("data/file"));
        if (Files.size(layer.resolve("data/file")) != size || !written.equals(Digest.of(layer.resolve("data/file")))) {
            throw new IllegalStateException("lower file not as written");
        }
        stack = LayerStack.of(List.of(layer), LayerCache.cold());
    }

    @Setup(Level.Invocation)
    public void freshUpper() throws IOException {
        if (container != null) {
            delete(container.upper());
        }
        container = Container.open(
                stack,
                root.resolve("upper" + (invocation++)),
                new ContainerOptions(copyUp, WhiteoutForm.OCI, durability));
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        delete(root);
    }

    @Benchmark
    public long firstWrite() throws IOException {
        long t = PlantedSlowdown.begin();
        container.write("data/file", 0, new byte[] {42});
        PlantedSlowdown.end(t);
        return container.copiedUpBytes();
    }

    private static void delete(Path p) throws IOException {
        dev.layerbench.fs.Trees.delete(p);
    }
}
