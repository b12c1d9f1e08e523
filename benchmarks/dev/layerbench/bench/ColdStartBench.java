package dev.layerbench.bench;

import dev.layerbench.codec.Compression;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.ImageWriter;
import dev.layerbench.dataset.LayerRecord;
import dev.layerbench.fs.PageCache;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.layout.CommandRun;
import dev.layerbench.layout.Instance;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.store.BlobStore;
import dev.layerbench.tar.LayerWriterOptions;
import dev.layerbench.tar.TarEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * How long does a real program take to start in a container of each layout when nothing of it is in the page cache?
 * One container of {@code image} is made in the trial setup; every invocation first drops the page cache
 * ({@code sync; echo 3 > /proc/sys/vm/drop_caches}, untimed) and then starts {@code command} in that container,
 * timed to its exit: {@code unshare --mount --pid --fork --mount-proc=ROOT/proc chroot ROOT /bin/sh -c 'busybox true'}
 * ({@link CommandRun}). {@code SHARED} has no root a process can enter: the command runs once under strace in a kernel
 * overlay of the same layers, and each invocation reads the files it opened, whole, through the union view, so its
 * time is those reads, not a process start.
 *
 * <p>Why {@code @Setup(Level.Invocation)}: every call must begin with a cold cache, so the drop has to come before each
 * call and outside the timing; JMH's warning about per-invocation fixtures concerns calls of microseconds, where the
 * fixture's own timestamps and cache effects swamp the work, and these calls are process starts of milliseconds
 * (the drop's time, 10 to 300 ms here with sync, is spent in setup and not counted).
 *
 * <p>{@code image}: {@code busybox} (default) is the host's static busybox ({@code /bin/busybox}, Debian's
 * busybox-static) as a one-layer image with {@code /bin/sh} and {@code /bin/true} symlinked to it, made in the trial
 * setup: no network, about 2 MB read cold. {@code DATASET:REF} takes an image of a built dataset instead, for example
 * {@code -p image=real-debian-python:python -p command='python3 -c pass'}.
 *
 * <p>Needs root, unshare, chroot and strace (and {@code /bin/busybox} for the default image); without them the
 * trial prints one line, {@code ColdStartBench skipped: WHY}, and each invocation does nothing, so the result is an
 * empty method's time (nanoseconds), not a start.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar ColdStartBench} (every layout, about 1 minute), or single shots:
 * {@code java -jar target/benchmarks.jar ColdStartBench -bm ss -i 20}.
 *
 * <p>Result (2026-11-30, 2-vCPU EPYC VM shared with other agents' builds, so a loaded machine; host ext4 on virtio,
 * Linux 6.18, Debian's busybox-static 1.35; {@code java -jar target/benchmarks.jar ColdStartBench -f 1 -wi 1 -i 5},
 * 52 s): mean (p50 / p90 / p99) of a cold {@code busybox true}, in ms:
 * <pre>
 * SHARED_KERNEL  12.8 ± 0.2  (12.5 / 14.3 / 18.3)   660 starts
 * FLAT           13.5 ± 0.2  (13.0 / 15.9 / 20.0)   628 starts
 * FILE_DEDUP     12.4 ± 0.1  (12.1 / 13.8 / 16.7)   686 starts
 * SHARED          2.5 ± 0.03 ( 2.4 /  3.1 /  4.4)   2,653 replays (busybox's 2 MB read through the union view: no exec)
 * </pre>
 * With one container the layouts differ little: each start reads the one busybox binary from disk. The differences
 * between layouts appear with many containers (results/memory/README.md: {@code layout --run}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ColdStartBench extends ForkedBench.Heap1g {

    /** The host's static busybox, the default image's one program. */
    static final Path BUSYBOX = Path.of("/bin/busybox");

    @Param({"SHARED_KERNEL", "FLAT", "FILE_DEDUP", "SHARED"})
    public String layout;

    /** {@code busybox} (made from the host's /bin/busybox), or {@code DATASET:REF} of a built dataset. */
    @Param({"busybox"})
    public String image;

    /** Run as {@code /bin/sh -c COMMAND} in the container. */
    @Param({"busybox true"})
    public String command;

    /**
     * Where the layout (and the busybox image) are made: the containers' filesystem, which must be one whose cache can be
     * dropped (a disk, not a tmpfs). Not named {@code dir}: the gate points every {@code dir} at a tmpfs.
     */
    @Param({"."})
    public String rootDir;

    private Path work;
    private ImageArchive archive;
    private Layout open;
    private CommandRun.Start start;
    private boolean skip;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        LayoutKind kind = LayoutKind.ofLabel(layout);
        Optional<String> why = CommandRun.unavailable().or(kind::unavailable);
        if (why.isEmpty() && image.equals("busybox") && !Files.isRegularFile(BUSYBOX)) {
            why = Optional.of("image=busybox needs " + BUSYBOX + " (apt-get install busybox-static)");
        }
        if (why.isPresent()) {
            System.out.println("ColdStartBench skipped: " + why.get());
            skip = true;
            return;
        }
        work = Files.createTempDirectory(Path.of(rootDir).toAbsolutePath(), ".coldstart-");
        try {
            make(kind);
        } catch (IOException | RuntimeException e) {
            clean();
            throw e;
        }
    }

    /** The image, the layout, its one container, and one start to check the command runs. */
    private void make(LayoutKind kind) throws IOException {
        Image wanted;
        if (image.equals("busybox")) {
            Path root = work.resolve("image");
            busyboxImage(root);
            archive = ImageArchive.open(root);
            wanted = archive.image("busybox");
        } else {
            int colon = image.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("image=" + image + ": expected busybox or DATASET:REF");
            }
            archive = ImageArchive.open(
                    Datasets.prepare(image.substring(0, colon)).root());
            wanted = archive.image(image.substring(colon + 1));
        }
        Path layouts = Files.createDirectory(work.resolve("layout"));
        open = kind.open(archive, List.of(wanted), layouts, LayoutOptions.defaults());
        Instance c = open.create("c0", wanted);
        start = CommandRun.prepare(open, c, wanted, command);
        start.run();
    }

    /** A one-layer image of the host's busybox, with /bin/sh and /bin/true linked to it. */
    static void busyboxImage(Path root) throws IOException {
        Path temp = Files.createTempDirectory(root.toAbsolutePath().getParent(), ".busybox-layer-");
        ImageWriter writer = new ImageWriter(BlobStore.open(root), temp);
        List<TarEntry> entries = List.of(
                TarEntry.dir("bin"),
                TarEntry.dir("proc"),
                TarEntry.file("bin/busybox", Files.readAllBytes(BUSYBOX)).withMode(0755),
                TarEntry.symlink("bin/sh", "busybox"),
                TarEntry.symlink("bin/true", "busybox"));
        LayerRecord layer =
                writer.putLayer(entries, LayerWriterOptions.of(Compression.GZIP).sorted(), 1, 0);
        writer.putImage("busybox", List.of(layer), List.of("layerbench ColdStartBench: the host's busybox"));
        Trees.delete(temp);
    }

    /** Untimed, before every start: nothing of the container's files is left in the page cache. */
    @Setup(Level.Invocation)
    public void dropCaches() throws IOException {
        if (!skip) {
            PageCache.drop();
        }
    }

    @Benchmark
    public void start() throws IOException {
        if (skip) {
            return;
        }
        long t = PlantedSlowdown.begin();
        start.run();
        PlantedSlowdown.end(t);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try {
            if (open != null) {
                open.close();
            }
            if (archive != null) {
                archive.close();
            }
        } finally {
            if (work != null) {
                Trees.delete(work);
            }
        }
    }
}
