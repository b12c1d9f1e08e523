package dev.layerbench.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.dataset.BuildOptions;
import dev.layerbench.dataset.BuiltDataset;
import dev.layerbench.dataset.Datasets;
import dev.layerbench.digest.Digest;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Programs;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.unpack.UnpackOptions;
import dev.layerbench.unpack.Unpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposefsLayoutTest {

    @TempDir
    Path dir;

    @Test
    void open_storesEachContentOnceAndRedirectsEveryFileToIt() throws IOException {
        LayoutKind kind = LayoutKind.COMPOSEFS;
        assumeTrue(kind.unavailable().isEmpty(), () -> kind.unavailable().orElse(""));
        BuiltDataset built = Datasets.build(Datasets.SMALL, dir.resolve("dataset"), BuildOptions.quiet());
        try (ImageArchive archive = ImageArchive.open(built.root())) {
            List<Image> images = new ArrayList<>();
            Set<String> contents = new HashSet<>();
            for (String tag : built.tags()) {
                Image image = archive.image(tag);
                images.add(image);
                Path flat = dir.resolve("flat-" + tag);
                Unpacker.flatten(archive, image, flat, UnpackOptions.flatten());
                try (Stream<Path> s = Files.walk(flat)) {
                    for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .toList()) {
                        if (Files.size(p) > 0) {
                            contents.add(Digest.of(p).hex());
                        }
                    }
                }
            }
            Path work = Files.createDirectory(dir.resolve("work"));
            try (Layout layout = kind.open(archive, images, work, LayoutOptions.defaults())) {
                Path objects = ((ComposefsLayout) layout).objects();
                Set<String> stored = new HashSet<>();
                try (Stream<Path> s = Files.walk(objects)) {
                    s.filter(Files::isRegularFile)
                            .forEach(p -> stored.add(p.getFileName().toString()));
                }
                assertEquals(contents, stored, "each distinct content once across images");
                assertEquals(images.size(), layout.cacheMounts().size(), "one metadata image per image");
                Path meta = layout.cacheMounts().getFirst();
                int redirected = 0;
                try (Stream<Path> s = Files.walk(meta)) {
                    for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .toList()) {
                        if (Files.size(p) == 0) {
                            continue;
                        }
                        String to = new String(
                                Posix.lgetxattr(p, ComposefsLayout.REDIRECT).orElseThrow(), StandardCharsets.UTF_8);
                        assertTrue(
                                Posix.lgetxattr(p, ComposefsLayout.METACOPY).isPresent(), p + " has no metacopy xattr");
                        assertTrue(Files.isRegularFile(objects.resolve(to.substring(1))), p + " -> " + to);
                        redirected++;
                    }
                }
                assertTrue(redirected > 0);
                Instance c = layout.create("c", images.getFirst());
                String some = WriteWorkload.defaults().choose(c).getFirst();
                Path through = c.resolve(some).orElseThrow();
                String hex = Digest.of(through).hex();
                assertArrayEquals(
                        Files.readAllBytes(objects.resolve(hex.substring(0, 2)).resolve(hex)),
                        Files.readAllBytes(through));
            }
        }
    }

    @Test
    void make_aFailingMkfsIsOneLineNamingIt() throws IOException {
        assumeTrue(Programs.onPath(ErofsImage.MKFS), "needs mkfs.erofs (apt-get install erofs-utils)");
        Path image = dir.resolve("x.erofs");
        IOException e =
                assertThrows(IOException.class, () -> ErofsImage.make(dir.resolve("no-such-tree"), image, false));
        assertTrue(e.getMessage().startsWith(ErofsImage.MKFS) && !e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(image), "nothing half-written");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
