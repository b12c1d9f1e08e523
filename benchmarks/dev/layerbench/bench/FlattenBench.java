package dev.layerbench.bench;

import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.UnpackSummary;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
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
 * How long does flattening an image take: all its layers, bottom first, applied into one new root filesystem, every
 * blob's digest and diff_id verified (what {@code unpack --image} and {@code umoci raw unpack} do)?
 *
 * <p>Input: the OCI layout {@code image}, image {@code ref}; when {@code image} is empty, the first image of the
 * default synthetic dataset from the dataset cache ({@link Datasets#prepare}: built there on first use, about 4 s,
 * and every blob re-hashed in each trial setup), so that a run of many forks, such as the regression gate's, builds it
 * once rather than per fork. The setup flattens it once (so every
 * digest is checked before measuring) and prints layers, entries and uncompressed bytes.
 *
 * <p>State: one operation per iteration ({@link Mode#SingleShotTime}); the previous target is deleted in
 * {@code @Setup(Level.Iteration)}, outside the measurement. Blobs are read from the page cache (warm); the target's
 * files go to the page cache, not fsynced (as GNU tar and umoci do). {@code dir} names the directory whose disk is
 * written (default: the working directory). See {@link UnpackBench} for the ext4 note on recently deleted inodes.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar FlattenBench -p image=/path/oci-layout -p ref=TAG -p dir=/path/on/disk
 * -f 1 -wi 5 -i 10}
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, onto a fresh journaled ext4 in a loop file, run on or
 * before 2026-11-28 (committed then; JMH output in results/unpack/jmh-minbase-ext4.txt), {@code -f 1 -wi 5 -i 10}): a
 * Debian minbase image made with umoci, three gzip layers, 7,563 entries, 183,367,680 bytes: 662.6 ± 31.8 ms/op;
 * {@code umoci raw unpack} of it on the same disk: 1.54 s. Runs and method: results/unpack/README.md.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class FlattenBench extends ForkedBench.Heap2g {

    /** An OCI image layout directory; empty for the default synthetic dataset. */
    @Param({""})
    public String image;

    /** The image's ref name in the layout; empty for the only (or, with the synthetic dataset, the first) image. */
    @Param({""})
    public String ref;

    /** Directory on the disk to unpack onto; empty means the working directory. */
    @Param({""})
    public String dir;

    private Path scratch;
    private ImageArchive archive;
    private Image picked;
    private Path target;
    private int round;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path base = Path.of(dir.isEmpty() ? "." : dir).toAbsolutePath();
        scratch = Files.createTempDirectory(base, "flattenbench-");
        Path layout;
        String name = ref.isEmpty() ? null : ref;
        if (image.isEmpty()) {
            BuiltDataset synthetic = Datasets.prepare(Datasets.DEFAULT);
            layout = synthetic.root();
            name = name == null ? synthetic.tags().getFirst() : name;
        } else {
            layout = Path.of(image).toAbsolutePath();
        }
        archive = ImageArchive.open(layout);
        picked = archive.image(name);
        UnpackSummary s = Unpacker.flatten(archive, picked, scratch.resolve("check"), UnpackOptions.flatten());
        Trees.delete(scratch.resolve("check"));
        System.out.printf(
                "%nFlattenBench image: %s, %d layers, %d entries, %d uncompressed bytes, onto %s%n",
                layout, s.layers(), s.entries(), s.bytes(), scratch);
    }

    @Setup(Level.Iteration)
    public void freshTarget() throws IOException {
        if (target != null) {
            Trees.delete(target);
        }
        target = scratch.resolve("root" + (round++));
    }

    @Benchmark
    public UnpackSummary flatten() throws IOException {
        long t = PlantedSlowdown.begin();
        UnpackSummary s = Unpacker.flatten(archive, picked, target, UnpackOptions.flatten());
        PlantedSlowdown.end(t);
        return s;
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        archive.close();
        Trees.delete(scratch);
    }
}
