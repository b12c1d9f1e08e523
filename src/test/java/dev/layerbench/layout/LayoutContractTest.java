package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.fs.DiskUsage;
import dev.layerbench.fs.Mount;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every layout keeps, run against each: create containers, read every file back equal to the flattened
 * image, write through one container without another (or the shared base) seeing it, remove, nothing left behind.
 */
class LayoutContractTest {

    @TempDir
    static Path shared;

    static ImageArchive archive;
    static List<Image> images = new ArrayList<>();
    static List<Map<String, String>> flattened = new ArrayList<>();

    @BeforeAll
    static void dataset() throws IOException {
        BuiltDataset built = Datasets.build(Datasets.SMALL, shared.resolve("dataset"), BuildOptions.quiet());
        archive = ImageArchive.open(built.root());
        for (String tag : built.tags()) {
            Image image = archive.image(tag);
            images.add(image);
            Path flat = shared.resolve("flat-" + tag);
            Unpacker.flatten(archive, image, flat, UnpackOptions.flatten());
            flattened.add(Snapshots.of(flat));
        }
    }

    @AfterAll
    static void close() throws IOException {
        archive.close();
    }

    static Stream<Arguments> layouts() {
        LayoutOptions d = LayoutOptions.defaults();
        return Stream.of(
                Arguments.of(LayoutKind.SHARED, d),
                Arguments.of(LayoutKind.SHARED_KERNEL, d),
                Arguments.of(LayoutKind.FLAT, d),
                Arguments.of(LayoutKind.FLAT, d.with(LayoutOptions.FlatSource.UNPACK)),
                Arguments.of(LayoutKind.FILE_DEDUP, d),
                Arguments.of(LayoutKind.FILE_DEDUP, d.with(LayoutOptions.Sharing.HARDLINK)),
                Arguments.of(LayoutKind.EROFS, d),
                Arguments.of(LayoutKind.COMPOSEFS, d),
                Arguments.of(LayoutKind.FUSE_OVERLAYFS, d));
    }

    private static Layout open(LayoutKind kind, LayoutOptions options, Path dir) throws IOException {
        assumeTrue(kind.unavailable().isEmpty(), () -> kind.unavailable().orElse(""));
        return kind.open(archive, images, dir, options);
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void create_readsEveryFileEqualToFlattenedImage(LayoutKind kind, LayoutOptions options, @TempDir Path dir)
            throws IOException {
        try (Layout layout = open(kind, options, dir)) {
            for (int i = 0; i < 4; i++) {
                Instance c = layout.create("c" + i, images.get(i % images.size()));
                assertEquals(flattened.get(i % images.size()), Snapshots.of(c), kind + " container c" + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void modify_isSeenOnlyByThatContainer(LayoutKind kind, LayoutOptions options, @TempDir Path dir)
            throws IOException {
        try (Layout layout = open(kind, options, dir)) {
            Instance a = layout.create("a", images.getFirst());
            Instance b = layout.create("b", images.getFirst());
            WriteWorkload w = new WriteWorkload(3, 100, 2, 50);
            List<String> paths = w.choose(a);
            assertEquals(3, paths.size());
            WriteWorkload.Result r = w.apply(a, paths);

            byte[] written = new byte[100];
            java.util.Arrays.fill(written, (byte) 'w');
            for (String p : paths) {
                byte[] now = Files.readAllBytes(a.resolve(p).orElseThrow());
                assertArrayEquals(written, java.util.Arrays.copyOf(now, 100), p);
            }
            assertTrue(a.resolve(WriteWorkload.ADDED_DIR + "/file-1").isPresent());
            assertEquals(flattened.getFirst(), Snapshots.of(b), "the other container still shows the image");
            assertTrue(b.resolve(WriteWorkload.ADDED_DIR).isEmpty());
            Instance fresh = layout.create("fresh", images.getFirst());
            assertEquals(flattened.getFirst(), Snapshots.of(fresh), "a new container still shows the image");

            boolean copies = switch (kind) {
                case SHARED, SHARED_KERNEL, EROFS, COMPOSEFS, FUSE_OVERLAYFS -> true;
                case FLAT -> false;
                case FILE_DEDUP -> ((DedupLayout) layout).sharing() == LayoutOptions.Sharing.HARDLINK;
            };
            assertEquals(copies, r.copiedUpBytes() > 0, kind + " copied up " + r.copiedUpBytes() + " bytes");
            long again = 0;
            for (String p : paths) {
                again += a.modify(p, written);
            }
            assertEquals(0, again, "a second write to the same files copies nothing");
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void close_leavesNothingBehind(LayoutKind kind, LayoutOptions options, @TempDir Path dir) throws IOException {
        Layout layout = open(kind, options, dir);
        Instance a = layout.create("a", images.getFirst());
        layout.create("b", images.getLast());
        a.add("tmp/new", new byte[10]);
        layout.remove(a);
        assertFalse(Files.exists(a.dir()));
        layout.close();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
        assertEquals(List.of(), Mount.under(dir));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void run_countsContainersBeyondTheBase(LayoutKind kind, LayoutOptions options, @TempDir Path dir)
            throws IOException {
        try (Layout layout = open(kind, options, dir)) {
            LayoutRun.Result r = LayoutRun.run(layout, 3, Optional.of(WriteWorkload.defaults()));
            assertTrue(r.containers().inodes() >= 3, "each container has at least its directory");
            assertTrue(r.base().bytes() > 0);
            assertTrue(r.afterWrites().orElseThrow().bytes() > r.containers().bytes(), "writes use space");
            assertEquals(List.of(), layout.instances(), "the run removed its containers");
            int entries =
                    Math.min(flattened.getFirst().size(), flattened.getLast().size());
            switch (kind) {
                case SHARED -> assertEquals(3, r.containers().inodes(), "an empty upper directory per container");
                case SHARED_KERNEL, EROFS, COMPOSEFS, FUSE_OVERLAYFS ->
                    assertTrue(r.containers().inodes() <= 3 * 6, "upper, work and a few per container");
                case FLAT -> assertTrue(r.containers().inodes() >= 3L * entries * 9 / 10, "a full tree per container");
                case FILE_DEDUP -> {
                    DiskUsage u = r.containers();
                    boolean links = ((DedupLayout) layout).sharing() == LayoutOptions.Sharing.HARDLINK;
                    assertEquals(links, u.links() > u.inodes(), "links into the content store cost no inode");
                    if (links) {
                        assertTrue(u.inodes() < 3L * entries, "directories and symlinks only");
                    }
                }
            }
        }
    }
}
