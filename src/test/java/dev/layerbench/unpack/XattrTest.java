package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.PosixException;
import dev.layerbench.tar.PosixAcl;
import dev.layerbench.tar.TarEntry;
import dev.layerbench.testing.LayerFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Xattrs from PAX records, byte for byte, and those that cannot be set counted by name. */
class XattrTest {

    static final byte[] BINARY = HexFormat.of().parseHex("ff00fe0180");

    @TempDir
    Path tmp;

    @BeforeEach
    void userXattrs() throws IOException {
        Path probe = Files.createFile(tmp.resolve("probe"));
        try {
            Posix.lsetxattr(probe, "user.probe", new byte[] {1});
        } catch (PosixException e) {
            Assumptions.assumeTrue(false, "the temp file system takes no user xattrs: " + e.getMessage());
        }
    }

    private UnpackSummary unpack(List<TarEntry> entries) throws IOException {
        Path layer = tmp.resolve("layer.tar");
        Files.write(layer, LayerFixtures.bytes(entries, Compression.NONE));
        return Unpacker.applyLayer(LayerBlob.of(layer), tmp.resolve("out"), UnpackerTest.options());
    }

    @Test
    void applyLayer_binaryValues_areSetByteForByte() throws IOException {
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (255 - i % 256);
        }
        UnpackSummary s = unpack(List.of(
                TarEntry.file("small", new byte[] {1})
                        .withXattr("user.bin", BINARY)
                        .withXattr("user.empty", new byte[0]),
                TarEntry.file("large", new byte[(1 << 20) + 1]).withXattr("user.big", big),
                TarEntry.dir("d").withXattr("user.d", new byte[] {(byte) 0x80})));
        Path out = tmp.resolve("out");
        assertArrayEquals(
                BINARY, Posix.lgetxattr(out.resolve("small"), "user.bin").orElseThrow());
        assertArrayEquals(
                new byte[0], Posix.lgetxattr(out.resolve("small"), "user.empty").orElseThrow());
        assertArrayEquals(big, Posix.lgetxattr(out.resolve("large"), "user.big").orElseThrow());
        assertArrayEquals(
                new byte[] {(byte) 0x80},
                Posix.lgetxattr(out.resolve("d"), "user.d").orElseThrow());
        assertEquals(0, s.skippedTotal(), s.line());
    }

    @Test
    void applyLayer_rootEntry_setsTheTargetsOwnXattrs() throws IOException {
        TarArchiveEntry rootEntry = new TarArchiveEntry("./", TarConstants.LF_DIR);
        rootEntry.setMode(0755);
        rootEntry.addPaxHeader("SCHILY.xattr.user.root", "R");
        Path layer = Files.write(
                tmp.resolve("layer.tar"), new TarBuilder().put(rootEntry, null).build());
        Unpacker.applyLayer(LayerBlob.of(layer), tmp.resolve("out"), UnpackerTest.options());
        assertArrayEquals(
                new byte[] {'R'},
                Posix.lgetxattr(tmp.resolve("out"), "user.root").orElseThrow());
    }

    @Test
    void applyLayer_xattrsThatCannotBeSet_areCountedByName() throws IOException {
        // the kernel allows no user.* xattr on a symlink (EPERM): not set, and said so, by name
        UnpackSummary s = unpack(List.of(
                TarEntry.file("target", new byte[0]),
                TarEntry.symlink("l1", "target").withXattr("user.a", BINARY),
                TarEntry.symlink("l2", "target").withXattr("user.a", BINARY).withXattr("user.b", new byte[] {1})));
        assertEquals(
                Map.of(
                        "xattr user.a not permitted or not supported",
                        2L,
                        "xattr user.b not permitted or not supported",
                        1L),
                s.skipped());
        assertTrue(s.line().contains("2 xattr user.a not permitted or not supported"), s.line());
    }

    @Test
    void applyLayer_aclAsTextOnly_becomesTheKernelsAcl() throws IOException {
        Path probe = tmp.resolve("probe");
        try {
            Posix.lsetxattr(probe, PosixAcl.ACCESS_XATTR, PosixAcl.fromText("u::rw-,g::r--,o::r--"));
        } catch (PosixException e) {
            Assumptions.assumeTrue(false, "the temp file system takes no ACLs: " + e.getMessage());
        }
        Path layer = tmp.resolve("layer.tar");
        // what bsdtar --acls writes: the ACL as text, no binary xattr
        TarArchiveEntry f = new TarArchiveEntry("f", TarConstants.LF_NORMAL);
        f.setMode(0664);
        f.addPaxHeader("SCHILY.acl.access", "user::rw-,group::r--,other::r--,user:1234:rw-,group:55:r--,mask::rw-");
        Files.write(layer, new TarBuilder().put(f, null).build());
        UnpackSummary s = Unpacker.applyLayer(LayerBlob.of(layer), tmp.resolve("out"), UnpackerTest.options());
        assertEquals(
                "0200000001000600ffffffff02000600d204000004000400ffffffff080004003700000010000600ffffffff"
                        + "20000400ffffffff",
                HexFormat.of()
                        .formatHex(Posix.lgetxattr(tmp.resolve("out/f"), PosixAcl.ACCESS_XATTR)
                                .orElseThrow()));
        assertEquals(0, s.skippedTotal(), s.line());
    }
}
