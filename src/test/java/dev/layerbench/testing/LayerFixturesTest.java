package dev.layerbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.dataset.ImageRecord;
import dev.layerbench.image.Image;
import dev.layerbench.image.ImageArchive;
import dev.layerbench.image.Layer;
import dev.layerbench.layer.LayerStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerFixturesTest {

    @TempDir
    Path dir;

    @Test
    void image_fixtureLayers_readBackVerified() throws Exception {
        Path layout = dir.resolve("layout");
        ImageRecord record = LayerFixtures.image(
                layout,
                "fixtures",
                Compression.GZIP,
                List.of(
                        LayerFixtures.base(),
                        LayerFixtures.whiteouts(),
                        LayerFixtures.opaqueDir(),
                        LayerFixtures.empty()));
        assertEquals(4, record.layers().size());
        assertEquals(2, record.layers().get(1).whiteouts());
        try (ImageArchive archive = ImageArchive.open(layout)) {
            Image image = archive.image("fixtures");
            for (Layer layer : image.layers()) {
                try (LayerStream in = archive.openUncompressed(layer)) {
                    assertEquals(record.layers().get(layer.index()).uncompressedSize(), in.verifyToEnd());
                }
            }
        }
    }

    /** A real OCI tool applies the fixture whiteouts and opaque directory as the layer spec says. */
    @Test
    void image_umociUnpack_appliesWhiteoutsAndOpaqueDir() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")), "needs umoci: apt-get install umoci");
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "umoci unpack without --rootless needs root");
        Path layout = dir.resolve("layout");
        LayerFixtures.image(
                layout,
                "fixtures",
                Compression.GZIP,
                List.of(
                        LayerFixtures.base(),
                        LayerFixtures.whiteouts(),
                        LayerFixtures.opaqueDir(),
                        LayerFixtures.hardLinks(),
                        LayerFixtures.symlinks(),
                        LayerFixtures.longNames(),
                        LayerFixtures.empty()));
        Path bundle = dir.resolve("bundle");
        Commands.run(null, "umoci", "unpack", "--image", layout + ":fixtures", bundle.toString());
        Path root = bundle.resolve("rootfs");
        assertTrue(Files.isRegularFile(root.resolve("etc/hostname")));
        assertFalse(Files.exists(root.resolve("etc/passwd")), "whiteout of a file");
        assertFalse(Files.exists(root.resolve("var/cache")), "whiteout of a directory");
        assertFalse(Files.exists(root.resolve("usr/share/doc/README")), "hidden by the opaque marker");
        assertEquals("only this\n", Files.readString(root.resolve("usr/share/doc/NEW")));
        assertFalse(Files.exists(root.resolve("usr/share/doc/.wh..wh..opq")));
        assertEquals(
                Files.getAttribute(root.resolve("bin/busybox"), "unix:ino"),
                Files.getAttribute(root.resolve("bin/ls"), "unix:ino"));
        assertEquals(
                "libc.so.6", Files.readSymbolicLink(root.resolve("lib/libc.so")).toString());
        assertTrue(Files.isRegularFile(root.resolve(LayerFixtures.LONG_FILE), LinkOption.NOFOLLOW_LINKS));
    }
}
