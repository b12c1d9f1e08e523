package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.Posix;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.store.BlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-layer directories in a store, and (as root) the kernel's overlayfs mounted on them against the flattened tree. */
class LayerDirectoriesTest {

    @TempDir
    Path tmp;

    static List<byte[]> layers() throws Exception {
        return List.of(
                new TarBuilder()
                        .dir("etc")
                        .file("etc/a", "a")
                        .file("etc/b", "b")
                        .dir("etc/app")
                        .file("etc/app/old", "old")
                        .dir("usr")
                        .file("usr/f", "f")
                        .hardlink("usr/g", "usr/f")
                        .symlink("usr/l", "f")
                        .build(),
                new TarBuilder()
                        .file("etc/.wh.a", "")
                        .file("etc/b", "b2")
                        .dir("etc/app")
                        .file("etc/app/.wh..wh..opq", "")
                        .file("etc/app/new", "new")
                        .file("usr/.wh.l", "")
                        .file("top", "t")
                        .build(),
                new TarBuilder()
                        .file(".wh.top", "")
                        .dir("top")
                        .file("top/inner", "i")
                        .build());
    }

    @Test
    void ensureUnpacked_sharedLayer_isUnpackedOnceWithItsForm() throws Exception {
        BlobStore store = TestImages.ociLayout(tmp.resolve("store"), "t", Compression.GZIP, layers());
        LayerDirectories dirs = LayerDirectories.of(store);
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            Image image = archive.image("t");
            List<Path> paths = dirs.ensureUnpacked(archive, image);
            assertEquals(3, paths.size());
            for (int i = 0; i < 3; i++) {
                var l = image.layers().get(i);
                assertEquals(store.root().resolve("layers/sha256/" + l.diffId().hex()), paths.get(i));
                assertTrue(dirs.isUnpacked(l.diffId()));
                assertEquals(Optional.of(WhiteoutForm.forThisProcess()), dirs.form(l.diffId()));
                assertEquals(Optional.empty(), dirs.ensureUnpacked(archive, l), "already there: not unpacked again");
            }
            assertEquals("f", Files.readString(paths.get(0).resolve("usr/f")));
            try (var s = Files.list(store.root().resolve("layers/sha256"))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".unpack-")), "no staging left");
            }
            if (WhiteoutForm.forThisProcess() == WhiteoutForm.OCI) {
                assertTrue(Files.isRegularFile(paths.get(1).resolve("etc/.wh.a")));
            }
        }
    }

    @Test
    void ensureUnpacked_eightThreadsAtOnce_allGetTheLayerAndOneUnpacksIt() throws Exception {
        BlobStore store = TestImages.ociLayout(tmp.resolve("store"), "t", Compression.GZIP, layers());
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            Image image = archive.image("t");
            var layer = image.layers().get(0);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
            List<java.util.concurrent.Future<Optional<UnpackSummary>>> results = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return LayerDirectories.of(store).ensureUnpacked(archive, layer);
                    }));
                }
                int unpacked = 0;
                for (var r : results) {
                    unpacked += r.get().isPresent() ? 1 : 0; // get() rethrows any thread's failure
                }
                assertEquals(1, unpacked, "one thread unpacks, the others wait and reuse");
            }
            LayerDirectories dirs = LayerDirectories.of(store);
            assertTrue(dirs.isUnpacked(layer.diffId()));
            assertEquals("f", Files.readString(dirs.path(layer.diffId()).resolve("usr/f")));
            assertEquals(List.of(), dirs.incomplete());
        }
    }

    @Test
    void cleanLeftovers_removesWhatADeadUnpackLeft_keepsWhatALiveOneHolds() throws Exception {
        BlobStore store = TestImages.ociLayout(tmp.resolve("store"), "t", Compression.GZIP, layers());
        LayerDirectories dirs = LayerDirectories.of(store);
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            Image image = archive.image("t");
            var dead = image.layers().get(0).diffId();
            var live = image.layers().get(1).diffId();
            var halfDone = image.layers().get(2).diffId();
            Path base = Files.createDirectories(dirs.base());
            // a process killed mid-unpack: its staging directory, nobody holding the key
            Files.createDirectories(base.resolve("." + dead.hex() + ".unpack-999999-1/etc"));
            // one killed after the rename, before the completion marker: a directory without its marker
            Files.createDirectories(base.resolve(halfDone.hex() + "/etc"));
            // a live unpack: its key held (here by this thread, as another process would)
            Files.createDirectories(base.resolve("." + live.hex() + ".unpack-1-2/etc"));
            try (var held =
                    dev.layerbench.fs.HeldLock.acquire(base.resolve(live.hex() + LayerDirectories.LOCK_SUFFIX))) {
                assertEquals(3, dirs.incomplete().size());
                assertEquals(
                        List.of(base.resolve(halfDone.hex()), base.resolve("." + dead.hex() + ".unpack-999999-1"))
                                .stream()
                                .sorted()
                                .toList(),
                        dirs.abandoned(),
                        "what nobody works on");
                dirs.cleanLeftovers();
                assertEquals(List.of(base.resolve("." + live.hex() + ".unpack-1-2")), dirs.incomplete());
            }
            assertTrue(
                    dirs.ensureUnpacked(archive, image.layers().get(2)).isPresent(),
                    "an incomplete directory is redone");
            assertTrue(Files.isRegularFile(dirs.path(halfDone).resolve("top/inner")));
            dirs.cleanLeftovers();
            assertEquals(List.of(), dirs.incomplete());
        }
    }

    @Test
    void remove_marksIncompleteFirstAndSkipsAHeldKey() throws Exception {
        BlobStore store = TestImages.ociLayout(tmp.resolve("store"), "t", Compression.GZIP, layers());
        LayerDirectories dirs = LayerDirectories.of(store);
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            Image image = archive.image("t");
            dirs.ensureUnpacked(archive, image);
            var d = image.layers().get(0).diffId();
            try (var held =
                    dev.layerbench.fs.HeldLock.acquire(dirs.base().resolve(d.hex() + LayerDirectories.LOCK_SUFFIX))) {
                assertEquals(false, dirs.remove(d), "busy: being unpacked");
            }
            assertTrue(dirs.remove(d));
            assertEquals(false, dirs.isUnpacked(d));
            assertEquals(false, Files.exists(dirs.path(d)));
            assertEquals(List.of(), dirs.incomplete());
        }
    }

    @Test
    void overlayMount_ofLayerDirectories_equalsFlattenedTree() throws Exception {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: mounting overlayfs and making its whiteouts");
        Assumptions.assumeTrue(
                Files.readString(Path.of("/proc/filesystems")).contains("overlay"),
                "the kernel has no overlayfs (modprobe overlay)");
        BlobStore store = TestImages.ociLayout(tmp.resolve("store"), "t", Compression.ZSTD, layers());
        Path flat = tmp.resolve("flat");
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        try (ImageArchive archive = ImageArchive.open(store.root())) {
            Image image = archive.image("t");
            List<Path> paths = new ArrayList<>(LayerDirectories.of(store).ensureUnpacked(archive, image));
            Unpacker.flatten(archive, image, flat, UnpackOptions.flatten());
            java.util.Collections.reverse(paths); // lowerdir lists the top layer first
            String lower = String.join(":", paths.stream().map(Path::toString).toList());
            Tools.run(tmp, "mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lower, mnt.toString());
            try {
                Map<String, String> mounted = TreeSnapshot.of(mnt, true);
                Map<String, String> flattened = TreeSnapshot.of(flat, true);
                mounted.remove("/");
                flattened.remove("/");
                assertEquals(List.of(), TreeSnapshot.diff(mounted, flattened, 20));
                assertTrue(mounted.containsKey("/top/inner") && !mounted.containsKey("/etc/a"));
            } finally {
                Tools.run(tmp, "umount", mnt.toString());
            }
        }
    }
}
