package dev.layerbench.bench;

import dev.layerbench.dataset.DatasetKind;
import dev.layerbench.dataset.DatasetManifest;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.dataset.TemporaryDataset;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Trees;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.layout.Instance;
import dev.layerbench.layout.Layout;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.ReadRun;
import dev.layerbench.layout.ReadSet;
import dev.layerbench.layout.RootfsSummary;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * How long does creating one container take, and how many bytes and inodes does it cost on disk, for each layout
 * ({@code shared}, {@code shared-kernel} (root), {@code flat}, {@code file-dedup}, and the newer designs (root):
 * {@code erofs}, {@code composefs} (composefs-style), {@code fuse-overlayfs}) with {@code n} containers alive? A layout
 * this machine cannot make (no root, no erofs, kernel before 6.5, no /dev/fuse, a program missing) is skipped: its
 * trial setup fails with "skipped: " and the reason, which JMH prints, and the run goes on with the others.
 * Primary metric: time per container created (each invocation creates one). Every {@code n} creations the containers
 * are measured on disk (blocks and inodes beyond the layout's shared base, each inode once) and removed, untimed;
 * {@code bytesPerContainer}, {@code inodesPerContainer} and {@code removeMicrosPerContainer} are those cycles'
 * averages. The layout and its shared base (layer directories, templates, content store) are rebuilt each iteration
 * in a new directory under {@code dir}; the dataset (synthetic, built in setup) is checked there by making one
 * container and comparing it with the flattened image.
 *
 * <p>{@code filesystem}: {@code here} uses {@code dir} as it is; {@code ext4}, {@code xfs} (reflink=1) and
 * {@code btrfs} make a 2 GiB loop filesystem under {@code dir} for the trial and remove it after (root).
 *
 * <p>{@code read}: {@code none}, or {@code all} (root): each cycle's containers read every file of their image through
 * their own views after the page cache is dropped; {@code pageCacheBytes}, {@code pageCacheBytesPerContainer},
 * {@code coldReadMicros} and {@code warmReadMicros} are then aux counters (see {@link ReadRun}).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar LayoutBench} (default: synthetic-small, n 1/10/100, every layout,
 * about 2 minutes); {@code java -jar target/benchmarks.jar LayoutBench -p filesystem=xfs,btrfs -p dir=/mnt/disk}.
 *
 * <p>Result (2-vCPU AMD EPYC VM, Linux 6.18, Temurin 25.0.3, working directory on the VM's ext4 root disk, 2026-11-30,
 * shared with other agents' work; {@code java -jar target/benchmarks.jar LayoutBench -f 1 -wi 1 -i 3 -p n=10 -p
 * layout=SHARED,FLAT}, synthetic-small): SHARED 76.5 ± 77.2 us/op, 4,096 bytes and 1 inode per container, removal 193
 * us per container; FLAT 42,293 ± 301,383 us/op (three iterations on a shared disk: the error is as wide as it reads),
 * 532,480 bytes and 108 inodes per container, removal 3,621 us per container. README.md "layout: shared base vs flat
 * copies on real disks" has every layout at N 1, 10 and 100.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class LayoutBench extends ForkedBench.Heap2g {

    @Param({"synthetic-small"})
    public String dataset;

    @Param({"1", "10", "100"})
    public int n;

    @Param({"SHARED", "SHARED_KERNEL", "FLAT", "FILE_DEDUP", "EROFS", "COMPOSEFS", "FUSE_OVERLAYFS"})
    public String layout;

    @Param({"."})
    public String dir;

    @Param({"here"})
    public String filesystem;

    /**
     * {@code none}, or {@code all}: before each cycle's containers are removed, the page cache is dropped and every
     * container reads every regular file of its image through its own view (root); the page cache the layout's files
     * then hold and the read times are aux counters.
     */
    @Param({"none"})
    public String read;

    /**
     * Disk cost per container, averaged over the iteration's completed cycles of {@code n} containers. JMH adds EVENTS
     * counters up over measurement iterations and forks, so each measurement iteration reports its value divided by
     * their number: the run's secondary result is the mean; an iteration's printed line is its share of it.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Disk {
        public double bytesPerContainer;
        public double inodesPerContainer;
        public double removeMicrosPerContainer;
        /** With {@code read=all}: page cache of the layout's files after the n containers read, per container. */
        public double pageCacheBytesPerContainer;
        /** With {@code read=all}: the page cache after the n containers read, in all. */
        public double pageCacheBytes;
        /** With {@code read=all}: the first container's read, caches dropped. */
        public double coldReadMicros;
        /** With {@code read=all}: the other containers' mean read (0 when n is 1). */
        public double warmReadMicros;

        private long readCycles;
        private double cache;
        private double cold;
        private double warm;
        private long cycles;
        private double bytes;
        private double inodes;
        private double removeMicros;

        private double share = 1;

        void reset(double share) {
            this.share = share;
            cycles = 0;
            bytes = inodes = removeMicros = 0;
            bytesPerContainer = inodesPerContainer = removeMicrosPerContainer = 0;
            readCycles = 0;
            cache = cold = warm = 0;
            pageCacheBytesPerContainer = pageCacheBytes = coldReadMicros = warmReadMicros = 0;
        }

        void addRead(ReadRun.Result r) {
            readCycles++;
            cache += r.pageCacheBytes();
            cold += r.coldReadNanos() / 1e3;
            warm += r.warm().count() == 0 ? 0 : r.warmReadNanos() / 1e3;
            pageCacheBytes = share * cache / readCycles;
            pageCacheBytesPerContainer = share * cache / readCycles / r.n();
            coldReadMicros = share * cold / readCycles;
            warmReadMicros = share * warm / readCycles;
        }

        void add(double b, double i, double r) {
            cycles++;
            bytes += b;
            inodes += i;
            removeMicros += r;
            bytesPerContainer = share * bytes / cycles;
            inodesPerContainer = share * inodes / cycles;
            removeMicrosPerContainer = share * removeMicros / cycles;
        }
    }

    private LayoutKind kind;
    private LoopFilesystem loop;
    private TemporaryDataset temporary;
    private ImageArchive archive;
    private List<Image> images;
    private Path work;
    private Layout open;
    private final List<Instance> live = new ArrayList<>();
    private final List<Image> liveImages = new ArrayList<>();
    private ReadSet readSet;
    private int created;
    /** The counters of this thread, captured from the benchmark method (JMH injects aux counters there only). */
    private Disk disk;
    /** JMH sums EVENTS counters over measurement iterations and forks: each reports its share, so the sum is the mean. */
    private double share = 1;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        kind = LayoutKind.ofLabel(layout);
        if (kind.unavailable().isPresent()) {
            throw new IllegalStateException("skipped: " + kind.unavailable().get());
        }
        switch (read) {
            case "none" -> readSet = null;
            case "all" -> {
                if (ReadRun.unavailable().isPresent()) {
                    throw new IllegalStateException(
                            "read=all: " + ReadRun.unavailable().get());
                }
                readSet = ReadSet.all();
            }
            default -> throw new IllegalArgumentException("read=" + read + ": expected none or all");
        }
        Path parent = Path.of(dir).toAbsolutePath();
        if (!filesystem.equals("here")) {
            loop = LoopFilesystem.create(
                    LoopFilesystem.Type.valueOf(filesystem.toUpperCase(Locale.ROOT)),
                    parent,
                    LoopFilesystem.DEFAULT_SIZE);
            parent = loop.root();
        }
        DatasetManifest manifest = Datasets.catalog().get(dataset);
        Path root;
        if (manifest.kind() == DatasetKind.synthetic) {
            temporary = TemporaryDataset.create(manifest, parent);
            root = temporary.root();
        } else {
            root = Datasets.prepare(dataset).root();
        }
        archive = ImageArchive.open(root);
        images = new ArrayList<>();
        for (String ref : archive.refs()) {
            images.add(archive.image(ref));
        }
        work = Files.createTempDirectory(parent, ".layout-bench-");
        try (Layout check = kind.open(archive, images, work, LayoutOptions.defaults())) {
            for (Image image : images) {
                Path flat = work.resolve("flat");
                Unpacker.flatten(archive, image, flat, UnpackOptions.flatten());
                RootfsSummary want = RootfsSummary.of(flat);
                RootfsSummary got = RootfsSummary.of(check.create("check", image));
                check.remove(check.instances().getFirst());
                if (!want.equals(got)) {
                    throw new IllegalStateException(layout + " container of " + image.ref()
                            + " differs from the image: " + got + " vs " + want);
                }
                Trees.delete(flat);
            }
        }
    }

    @Setup(Level.Iteration)
    public void openLayout(BenchmarkParams params, IterationParams iteration) throws IOException {
        share = iteration.getType() == IterationType.MEASUREMENT
                ? 1.0 / (iteration.getCount() * Math.max(1, params.getForks()))
                : 1.0;
        if (disk != null) {
            disk.reset(share);
        }
        open = kind.open(archive, images, work, LayoutOptions.defaults());
        live.clear();
        liveImages.clear();
        created = 0;
    }

    /** Untimed: after every {@code n} creations, measure the containers and remove them. */
    @Setup(Level.Invocation)
    public void cycle() throws IOException {
        if (live.size() == n) {
            measureAndRemove();
        }
    }

    private void measureAndRemove() throws IOException {
        DiskUsage base = LayoutRun.usage(open, List.of());
        DiskUsage all = LayoutRun.usage(open, live).minus(base);
        if (readSet != null) {
            disk.addRead(ReadRun.run(open, live, liveImages::get, readSet));
        }
        long start = System.nanoTime();
        for (Instance c : live) {
            open.remove(c);
        }
        double removeMicros = (System.nanoTime() - start) / 1e3;
        disk.add((double) all.bytes() / live.size(), (double) all.inodes() / live.size(), removeMicros / live.size());
        live.clear();
        liveImages.clear();
    }

    @TearDown(Level.Iteration)
    public void closeLayout() throws IOException {
        if (!live.isEmpty() && disk != null && disk.bytesPerContainer == 0) {
            measureAndRemove();
        }
        open.close();
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try {
            if (archive != null) {
                archive.close();
            }
            if (work != null) {
                Trees.delete(work);
            }
            if (temporary != null) {
                temporary.close();
            }
        } finally {
            if (loop != null) {
                loop.close();
            }
        }
    }

    @Benchmark
    public Instance create(Disk counters) throws IOException {
        if (disk == null) {
            disk = counters;
            disk.reset(share);
        }
        Image image = images.get(created % images.size());
        long t = PlantedSlowdown.begin();
        Instance c = open.create("c" + created, image);
        PlantedSlowdown.end(t);
        created++;
        live.add(c);
        liveImages.add(image);
        return c;
    }
}
