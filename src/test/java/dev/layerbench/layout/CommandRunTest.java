package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.Mount;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.testing.OciLayouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold start in every layout (root, unshare, chroot, strace): an image holding the host's static busybox, its shell
 * and {@code true} as symlinks to it; {@code busybox true} run in 3 containers of each layout.
 */
class CommandRunTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @TempDir
    Path dir;

    private Image image(ImageArchive[] holder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String d : List.of("bin/", "proc/", "usr/", "usr/bin/")) {
                TarArchiveEntry e = new TarArchiveEntry(d);
                e.setMode(040755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            byte[] bb = Files.readAllBytes(BUSYBOX);
            TarArchiveEntry f = new TarArchiveEntry("bin/busybox");
            f.setMode(0100755);
            f.setSize(bb.length);
            tar.putArchiveEntry(f);
            tar.write(bb);
            tar.closeArchiveEntry();
            for (String link : List.of("bin/sh", "bin/true")) {
                TarArchiveEntry l = new TarArchiveEntry(link, TarArchiveEntry.LF_SYMLINK);
                l.setLinkName("busybox");
                tar.putArchiveEntry(l);
                tar.closeArchiveEntry();
            }
        }
        Path root = dir.resolve("image");
        OciLayouts.write(root, "busybox", List.of(bytes.toByteArray()), Compression.GZIP);
        holder[0] = ImageArchive.open(root);
        return holder[0].image("busybox");
    }

    @Test
    void run_eachLayoutStartsTheProgramAndSharesItsPagesAsItsFilesAreShared() throws IOException {
        assumeTrue(CommandRun.unavailable().isEmpty(), CommandRun.unavailable().orElse(""));
        assumeTrue(Files.isRegularFile(BUSYBOX), "needs /bin/busybox (apt-get install busybox-static)");
        ImageArchive[] archive = new ImageArchive[1];
        Image image = image(archive);
        Path work = Files.createDirectory(dir.resolve("work"));
        Map<LayoutKind, CommandRun.Result> results = new EnumMap<>(LayoutKind.class);
        try {
            for (LayoutKind kind : LayoutKind.values()) {
                try (Layout layout = kind.open(archive[0], List.of(image), work, LayoutOptions.defaults())) {
                    LayoutRun.Result r = LayoutRun.run(
                            layout,
                            3,
                            LayoutRun.Options.of(Optional.empty(), 0).withCommand(Optional.of("busybox true")));
                    results.put(kind, r.runs().orElseThrow());
                }
            }
        } finally {
            archive[0].close();
        }
        for (CommandRun.Result r : results.values()) {
            assertTrue(r.coldNanos() > 0 && r.warm().count() == 2, r.toString());
            assertTrue(r.pageCacheBytes() > 0, r.toString());
        }
        assertTrue(results.get(LayoutKind.SHARED).replayed().orElseThrow() >= 1, "busybox replayed");
        long one = results.get(LayoutKind.SHARED_KERNEL).pageCacheBytes();
        assertTrue(
                results.get(LayoutKind.FLAT).pageCacheBytes() > 2 * one,
                "flat: three copies of busybox in the cache, "
                        + results.get(LayoutKind.FLAT).pageCacheBytes() + " vs " + one);
        assertTrue(results.get(LayoutKind.FILE_DEDUP).pageCacheBytes() <= 1.1 * one, "hard links share the pages");
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "nothing left behind");
        }
        assertTrue(Mount.under(work).isEmpty(), "nothing left mounted");
    }

    @Test
    void prepare_startsTheCommandAgainAndAgainInOneContainer() throws IOException {
        assumeTrue(CommandRun.unavailable().isEmpty(), CommandRun.unavailable().orElse(""));
        assumeTrue(Files.isRegularFile(BUSYBOX), "needs /bin/busybox (apt-get install busybox-static)");
        ImageArchive[] archive = new ImageArchive[1];
        Image image = image(archive);
        Path work = Files.createDirectory(dir.resolve("work"));
        try {
            for (LayoutKind kind : List.of(LayoutKind.FLAT, LayoutKind.SHARED)) {
                try (Layout layout = kind.open(archive[0], List.of(image), work, LayoutOptions.defaults())) {
                    Instance c = layout.create("c", image);
                    CommandRun.Start start = CommandRun.prepare(layout, c, image, "busybox true");
                    start.run();
                    start.run();
                    assertEquals(
                            kind == LayoutKind.SHARED, start.replayedFiles().isPresent(), kind.label());
                    start.replayedFiles().ifPresent(files -> assertTrue(files >= 1, "busybox replayed"));
                    LayoutException e = assertThrows(
                            LayoutException.class, () -> CommandRun.prepare(layout, c, image, "nosuch --flag"));
                    assertTrue(
                            e.getMessage().contains("busybox")
                                    && e.getMessage().contains("nosuch")
                                    && !e.getMessage().contains("\n"),
                            e.getMessage());
                    LayoutException failing = assertThrows(
                            LayoutException.class,
                            () -> CommandRun.prepare(layout, c, image, "busybox false")
                                    .run());
                    assertTrue(
                            kind == LayoutKind.SHARED || failing.getMessage().contains("exited 1"),
                            failing.getMessage());
                }
            }
        } finally {
            archive[0].close();
        }
        assertTrue(Mount.under(work).isEmpty(), "nothing left mounted");
    }

    @Test
    void run_aFailingCommandIsOneLineNamingImageAndCommand() throws IOException {
        assumeTrue(CommandRun.unavailable().isEmpty(), CommandRun.unavailable().orElse(""));
        assumeTrue(Files.isRegularFile(BUSYBOX), "needs /bin/busybox (apt-get install busybox-static)");
        ImageArchive[] archive = new ImageArchive[1];
        Image image = image(archive);
        Path work = Files.createDirectory(dir.resolve("work"));
        try (Layout layout = LayoutKind.FLAT.open(archive[0], List.of(image), work, LayoutOptions.defaults())) {
            LayoutException e = assertThrows(
                    LayoutException.class,
                    () -> LayoutRun.run(
                            layout,
                            1,
                            LayoutRun.Options.of(Optional.empty(), 0).withCommand(Optional.of("busybox false"))));
            assertTrue(
                    e.getMessage().contains("busybox")
                            && e.getMessage().contains("busybox false")
                            && e.getMessage().contains("exited 1"),
                    e.getMessage());
        } finally {
            archive[0].close();
        }
    }
}
