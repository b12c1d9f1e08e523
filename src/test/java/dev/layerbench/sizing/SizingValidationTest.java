package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Programs;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layout.Instance;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.WriteWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sizing model against real disks: the layouts of {@code dev.layerbench.layout} materialized for several datasets,
 * container counts and workloads on a loop filesystem made for the test (root only), the allocated bytes and inodes
 * measured (each inode once, as du counts) and compared with the prediction: within 5%, base plus containers.
 *
 * <p>ext4: shared, flat and file-dedup (hard links). XFS and btrfs: shared only. Their flat and file-dedup layouts
 * share extents through reflinks, which the model counts once (physical bytes) and du cannot see: a free-space delta
 * would be the measure there, not done here.
 */
class SizingValidationTest {

    static final double TOLERANCE = 0.05;

    @TempDir
    Path dir;

    record Case(String dataset, int containers, Workload workload) {
        @Override
        public String toString() {
            return dataset + " x" + containers + " " + workload.format();
        }
    }

    static Stream<Arguments> cases() {
        Workload writes = new Workload(10, 4096, 10, 16384, 0);
        Workload heavy = new Workload(20, 65536, 5, 1 << 20, 0);
        List<Arguments> out = new ArrayList<>();
        for (LoopFilesystem.Type type : LoopFilesystem.Type.values()) {
            out.add(Arguments.of(type, new Case(Datasets.SMALL, 4, Workload.NONE)));
            out.add(Arguments.of(type, new Case(Datasets.SMALL, 6, writes)));
            out.add(Arguments.of(type, new Case("synthetic-deep", 3, heavy)));
            out.add(Arguments.of(type, new Case(Datasets.DEFAULT, 3, writes)));
        }
        return out.stream();
    }

    static List<String> choose(WriteWorkload w, Instance instance) {
        try {
            return w.choose(instance);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Lets the filesystem drop what it reserves only for a while: XFS holds speculative preallocation and copy-on-write
     * reservations (cowextsize) in {@code st_blocks} until its background scan frees them; {@code xfs_spaceman -c
     * "prealloc -m 0"} frees them now, so the measure is what stays allocated.
     */
    static void settle(LoopFilesystem loop) throws IOException {
        List<String> command = loop.type() == LoopFilesystem.Type.XFS
                ? List.of("xfs_spaceman", "-c", "prealloc -s -m 0", loop.root().toString())
                : List.of("sync", "-f", loop.root().toString());
        Programs.run(command);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void predicted_matchesMeasured_within5Percent(LoopFilesystem.Type type, Case c) throws Exception {
        assumeTrue(
                type.available(),
                "needs root and " + type.program() + " (apt-get install e2fsprogs xfsprogs btrfs-progs)");
        BuiltDataset built =
                Datasets.build(c.dataset(), Datasets.cacheDir().resolve(c.dataset()), BuildOptions.quiet());
        Filesystem fs = Filesystem.valueOf(type.name());
        List<LayoutKind> kinds = type == LoopFilesystem.Type.EXT4
                ? List.of(LayoutKind.SHARED, LayoutKind.FLAT, LayoutKind.FILE_DEDUP)
                : List.of(LayoutKind.SHARED);
        try (LoopFilesystem loop = LoopFilesystem.create(type, dir, 4L << 30);
                ImageArchive archive = ImageArchive.open(built.root())) {
            List<Image> images = new ArrayList<>();
            for (String tag : built.tags()) {
                images.add(archive.image(tag));
            }
            SummaryCache cache = SummaryCache.at(dir.resolve("store"));
            List<FleetImage> fleet = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                List<LayerSummary> layers = new ArrayList<>();
                for (Layer l : images.get(i).layers()) {
                    layers.add(cache.get(archive, l));
                }
                // LayoutRun takes the images in turn
                int n = c.containers() / images.size() + (i < c.containers() % images.size() ? 1 : 0);
                fleet.add(new FleetImage(built.tags().get(i), Math.max(1, n), layers));
            }
            assumeTrue(
                    fleet.stream().mapToInt(FleetImage::containers).sum() == c.containers(),
                    "each image needs a container: give at least as many containers as images");
            SizingReport predicted = new FleetSizer(fs, c.workload()).size(fleet);
            SizingReport templates = new FleetSizer(fs, Workload.NONE).size(fleet);
            Path work = Files.createDirectory(loop.root().resolve("work"));
            Optional<WriteWorkload> w = c.workload().equals(Workload.NONE)
                    ? Optional.empty()
                    : Optional.of(new WriteWorkload(
                            c.workload().modifyFiles(),
                            (int) c.workload().modifyBytes(),
                            c.workload().addFiles(),
                            (int) c.workload().addBytes()));
            for (LayoutKind kind : kinds) {
                LayoutOptions options = LayoutOptions.defaults().with(LayoutOptions.Sharing.HARDLINK);
                DiskUsage measured;
                try (var layout = kind.open(archive, images, work, options)) {
                    List<Instance> made = new ArrayList<>();
                    for (int i = 0; i < c.containers(); i++) {
                        made.add(layout.create("c" + i, images.get(i % images.size())));
                    }
                    if (w.isPresent()) {
                        Map<Image, List<String>> chosen = new HashMap<>();
                        for (int i = 0; i < made.size(); i++) {
                            Instance instance = made.get(i);
                            List<String> paths = chosen.computeIfAbsent(
                                    images.get(i % images.size()), im -> choose(w.get(), instance));
                            w.get().apply(instance, paths);
                        }
                    }
                    settle(loop);
                    measured = LayoutRun.usage(layout, made);
                }
                long measuredBytes = measured.bytes();
                long measuredInodes = measured.inodes();
                FleetLayout model = switch (kind) {
                    case SHARED -> FleetLayout.SHARED;
                    case FLAT -> FleetLayout.FLAT;
                    case FILE_DEDUP -> FleetLayout.FILE_DEDUP;
                    default -> throw new IllegalStateException(kind.label());
                };
                SizingReport.LayoutSize p = predicted.layout(model);
                long predictedBytes = p.bytes();
                long predictedInodes = p.inodes();
                if (kind == LayoutKind.FLAT) {
                    // the flat layout keeps one flattened template per image in base/flat/<n>/, copied per container
                    SizingReport.LayoutSize t = templates.layout(FleetLayout.FLAT);
                    for (int i = 0; i < fleet.size(); i++) {
                        predictedBytes += t.perContainerBytes().get(i);
                        predictedInodes += t.perContainerInodes().get(i);
                    }
                    predictedBytes += 2L * fs.dirBytes(1, 4); // base/, base/flat/
                    predictedInodes += 2;
                }
                String line = String.format(
                        Locale.ROOT,
                        "%-6s %-36s %-10s predicted %,14d B %,8d inodes  measured %,14d B %,8d inodes  (%+.2f%%, %+.2f%%)",
                        type,
                        c,
                        kind.label(),
                        predictedBytes,
                        predictedInodes,
                        measuredBytes,
                        measuredInodes,
                        100.0 * (predictedBytes - measuredBytes) / measuredBytes,
                        100.0 * (predictedInodes - measuredInodes) / measuredInodes);
                System.out.println("VALIDATION " + line);
                assertTrue(Math.abs(predictedBytes - measuredBytes) <= TOLERANCE * measuredBytes, "bytes: " + line);
                assertTrue(Math.abs(predictedInodes - measuredInodes) <= TOLERANCE * measuredInodes, "inodes: " + line);
            }
        }
    }
}
