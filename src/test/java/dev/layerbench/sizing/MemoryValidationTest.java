package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Posix;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layout.LayoutKind;
import dev.layerbench.layout.LayoutOptions;
import dev.layerbench.layout.LayoutRun;
import dev.layerbench.layout.ReadRun;
import dev.layerbench.layout.ReadSet;
import dev.layerbench.oci.EntryKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The memory model against the page cache (root): every layout materialized on an ext4 and an XFS loop filesystem,
 * each container reading every file of its image after the cache is dropped, the layout's files measured per inode
 * ({@link ReadRun}) and compared with {@link MemoryModel}: within 10%.
 */
class MemoryValidationTest {

    static final double TOLERANCE = 0.10;
    static final int CONTAINERS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(
            value = LoopFilesystem.Type.class,
            names = {"EXT4", "XFS"})
    void predicted_matchesMeasuredPageCache_within10Percent(LoopFilesystem.Type type) throws Exception {
        assumeTrue(type.available(), "needs root and " + type.program());
        assumeTrue(
                ReadRun.unavailable().isEmpty(),
                "needs root: " + ReadRun.unavailable().orElse(""));
        BuiltDataset built =
                Datasets.build(Datasets.SMALL, Datasets.cacheDir().resolve(Datasets.SMALL), BuildOptions.quiet());
        Filesystem fs = Filesystem.valueOf(type.name());
        try (LoopFilesystem loop = LoopFilesystem.create(type, dir, 1L << 30);
                ImageArchive archive = ImageArchive.open(built.root())) {
            List<Image> images = new ArrayList<>();
            SummaryCache cache = SummaryCache.at(dir.resolve("store"));
            List<FleetImage> fleet = new ArrayList<>();
            for (String tag : built.tags()) {
                Image image = archive.image(tag);
                images.add(image);
                List<LayerSummary> layers = new ArrayList<>();
                for (Layer l : image.layers()) {
                    layers.add(cache.get(archive, l));
                }
                fleet.add(new FleetImage(tag, CONTAINERS / built.tags().size(), layers));
            }
            assertEquals(
                    CONTAINERS, fleet.stream().mapToInt(FleetImage::containers).sum());
            Map<FleetLayout, Long> predicted = new MemoryModel(fs, Posix.pageSize()).predict(fleet, 1.0);
            Path work = Files.createDirectory(loop.root().resolve("work"));
            for (LayoutKind kind : LayoutKind.values()) {
                if (kind.unavailable().isPresent()
                        || !List.of(LayoutKind.SHARED, LayoutKind.SHARED_KERNEL, LayoutKind.FLAT, LayoutKind.FILE_DEDUP)
                                .contains(kind)) {
                    continue; // the sizer models these four
                }
                long measured;
                String label;
                try (var layout = kind.open(archive, images, work, LayoutOptions.defaults())) {
                    LayoutRun.Result r = LayoutRun.run(
                            layout,
                            CONTAINERS,
                            LayoutRun.Options.of(Optional.empty(), 0).withRead(Optional.of(ReadSet.all())));
                    measured = r.reads().orElseThrow().pageCacheBytes();
                    label = r.label();
                }
                long p = predicted.get(
                        switch (kind) {
                            case SHARED, SHARED_KERNEL -> FleetLayout.SHARED;
                            case FLAT -> FleetLayout.FLAT;
                            case FILE_DEDUP -> FleetLayout.FILE_DEDUP;
                            default -> throw new IllegalStateException(kind.label());
                        });
                String line = String.format(
                        Locale.ROOT,
                        "%-5s %-19s predicted %,12d B  measured %,12d B  (%+.2f%%)",
                        type,
                        label,
                        p,
                        measured,
                        100.0 * (p - measured) / measured);
                System.out.println("MEMORY " + line);
                assertTrue(Math.abs(p - measured) <= TOLERANCE * measured, line);
            }
        }
    }

    @Test
    void predict_flatGrowsWithContainersAndSharedDoesNot() {
        // a one-layer fleet built by hand: 3 files of 1, 4096 and 4097 bytes
        var base = new LayerSummary(
                dev.layerbench.digest.Digest.of(new byte[] {1}),
                List.of(file("a", 1, "a"), file("b", 4096, "b"), file("c", 4097, "c"), file("d", 1, "a")));
        MemoryModel m = new MemoryModel(Filesystem.EXT4, 4096);
        Map<FleetLayout, Long> one = m.predict(List.of(new FleetImage("x", 1, List.of(base))), 1.0);
        Map<FleetLayout, Long> ten = m.predict(List.of(new FleetImage("x", 10, List.of(base))), 1.0);
        assertEquals(5 * 4096L, one.get(FleetLayout.SHARED));
        assertEquals(5 * 4096L, ten.get(FleetLayout.SHARED));
        assertEquals(50 * 4096L, ten.get(FleetLayout.FLAT));
        assertEquals(4 * 4096L, ten.get(FleetLayout.FILE_DEDUP), "a and d share content, mode and owner: one inode");
        assertEquals(
                50 * 4096L,
                new MemoryModel(Filesystem.XFS, 4096)
                        .predict(List.of(new FleetImage("x", 10, List.of(base))), 1.0)
                        .get(FleetLayout.FILE_DEDUP),
                "reflinks: an inode each");
        assertEquals(
                25 * 4096L,
                m.predict(List.of(new FleetImage("x", 10, List.of(base))), 0.5).get(FleetLayout.FLAT));
    }

    private static SummaryEntry file(String path, long size, String seed) {
        String sha = dev.layerbench.digest.Digest.of(seed.getBytes()).hex();
        return new SummaryEntry(
                path, EntryKind.FILE, size, sha, "", 0644, 0, 0, new Chunks(new long[] {size}, new int[] {(int) size}));
    }
}
