package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.fs.Posix;
import dev.layerbench.oci.Whiteouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image-spec layer.md whiteouts: applied when flattening, kept as overlayfs or OCI form per layer. */
class WhiteoutTest {

    @TempDir
    Path tmp;

    private int n;

    Path apply(UnpackOptions options, byte[]... tars) throws IOException {
        List<LayerSource> sources = new ArrayList<>();
        for (byte[] t : tars) {
            sources.add(LayerBlob.of(Files.write(tmp.resolve("l" + (n++) + ".tar"), t)));
        }
        Path root = tmp.resolve("root" + n);
        try (Staging s = Staging.beside(root)) {
            Unpacker.apply(s.dir(), sources, options);
            assertTrue(s.commit());
        }
        return root;
    }

    Path flatten(byte[]... tars) throws IOException {
        return apply(UnpackerTest.options(), tars);
    }

    static byte[] lower() throws IOException {
        return new TarBuilder()
                .dir("etc")
                .file("etc/a", "a")
                .file("etc/b", "b")
                .dir("etc/sub")
                .file("etc/sub/c", "c")
                .dir("var")
                .file("var/x", "x")
                .symlink("var/link", "/etc")
                .build();
    }

    @Test
    void whiteout_removesFileAndDirectoryFromBelow() throws IOException {
        Path root = flatten(
                lower(),
                new TarBuilder()
                        .file("etc/.wh.a", "")
                        .file("etc/.wh.sub", "")
                        .file(".wh.missing", "")
                        .build());
        assertFalse(Files.exists(root.resolve("etc/a")));
        assertFalse(Files.exists(root.resolve("etc/sub")));
        assertTrue(Files.exists(root.resolve("etc/b")));
        assertFalse(Files.exists(root.resolve("etc/.wh.a")), "the marker itself is not written");
    }

    @Test
    void whiteout_removesTheSymlinkNotItsTarget() throws IOException {
        Path root = flatten(lower(), new TarBuilder().file("var/.wh.link", "").build());
        assertFalse(Files.exists(root.resolve("var/link"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(root.resolve("etc/a")));
    }

    @Test
    void whiteout_neverRemovesWhatTheSameLayerWrote() throws IOException {
        Path root = flatten(
                lower(),
                new TarBuilder()
                        .file("etc/a", "new a")
                        .file("etc/.wh.a", "")
                        .dir("etc/new")
                        .file("etc/new/f", "f")
                        .file("etc/.wh.new", "")
                        .build());
        assertEquals("new a", Files.readString(root.resolve("etc/a")));
        assertEquals("f", Files.readString(root.resolve("etc/new/f")));
    }

    @Test
    void opaque_hidesLowerContentWhereverItAppears() throws IOException {
        // opaque marker after the layer's own entries in that directory, and one before
        Path root = flatten(
                lower(),
                new TarBuilder()
                        .dir("etc")
                        .file("etc/mine", "m")
                        .dir("etc/sub")
                        .file("etc/sub/d", "d")
                        .file("etc/.wh..wh..opq", "")
                        .file("var/.wh..wh..opq", "")
                        .file("var/y", "y")
                        .build());
        assertEquals(List.of("mine", "sub"), UnpackerTest.names(root.resolve("etc")));
        assertEquals(List.of("d"), UnpackerTest.names(root.resolve("etc/sub")), "lower etc/sub/c hidden too");
        assertEquals(List.of("y"), UnpackerTest.names(root.resolve("var")));
    }

    @Test
    void opaque_onMissingDirectory_doesNothing() throws IOException {
        Path root = flatten(
                lower(), new TarBuilder().file("nothere/.wh..wh..opq", "").build());
        assertFalse(Files.exists(root.resolve("nothere")));
    }

    @Test
    void perLayerOci_keepsMarkersAsFiles() throws IOException {
        Path root = apply(
                UnpackOptions.perLayer(WhiteoutForm.OCI).withOwners(UnpackOptions.Owners.SKIP),
                new TarBuilder()
                        .dir("etc")
                        .file("etc/.wh.a", "")
                        .file("etc/.wh..wh..opq", "")
                        .build());
        assertTrue(Files.isRegularFile(root.resolve("etc/.wh.a")));
        assertTrue(Files.isRegularFile(root.resolve("etc/.wh..wh..opq")));
    }

    @Test
    void perLayerOverlay_makesCharacterDevicesAndOpaqueXattr() throws IOException {
        Assumptions.assumeTrue(
                Posix.isRoot(), "needs root: overlayfs whiteouts are 0/0 character devices and trusted.* xattrs");
        Path root = apply(
                UnpackOptions.perLayer(WhiteoutForm.OVERLAY),
                new TarBuilder()
                        .dir("etc")
                        .file("etc/.wh.a", "")
                        .file("etc/.wh..wh..opq", "")
                        .file("etc/keep", "k")
                        .file("etc/.wh.keep", "")
                        .build());
        Path a = root.resolve("etc/a");
        assertEquals(0020000, (Integer) Files.getAttribute(a, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000);
        assertEquals(0L, ((Number) Files.getAttribute(a, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
        assertArrayEquals(
                "y".getBytes(),
                Posix.lgetxattr(root.resolve("etc"), Whiteouts.OVERLAY_OPAQUE_XATTR)
                        .orElseThrow());
        assertEquals("k", Files.readString(root.resolve("etc/keep")));
        assertFalse(Files.exists(root.resolve("etc/.wh.a"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void overlayXattrFromTheTar_isIgnored() throws IOException {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("f");
        e.setSize(1);
        e.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
        Path root = apply(
                UnpackOptions.perLayer(WhiteoutForm.forThisProcess()),
                new TarBuilder().put(e, new byte[] {'x'}).build());
        if (Posix.isRoot()) {
            assertTrue(Posix.lgetxattr(root.resolve("f"), Whiteouts.OVERLAY_OPAQUE_XATTR)
                    .isEmpty());
        }
        assertEquals("x", Files.readString(root.resolve("f")));
    }
}
