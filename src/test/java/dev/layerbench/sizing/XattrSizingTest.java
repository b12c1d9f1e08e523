package dev.layerbench.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerbench.fs.LoopFilesystem;
import dev.layerbench.fs.Posix;
import dev.layerbench.fs.Stat;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.tar.PosixAcl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The xattr part of the sizing model: what one inode's xattrs cost, predicted and, on real file systems, measured. */
class XattrSizingTest {

    @TempDir
    Path dir;

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xab);
        return b;
    }

    /**
     * Sets of xattrs around the in-inode limits of ext4 (96 bytes) and xfs (shortform in the literal area); those
     * named "dir: ..." go on a directory (a default ACL only goes there).
     */
    static Map<String, Map<String, byte[]>> sets() {
        Map<String, Map<String, byte[]>> s = new LinkedHashMap<>();
        for (int n : new int[] {10, 60, 80, 150, 250, 300, 1000}) {
            s.put("user.v " + n, Map.of("user.v", filled(n)));
        }
        for (int k : new int[] {3, 6}) {
            Map<String, byte[]> m = new TreeMap<>();
            for (int i = 1; i <= k; i++) {
                m.put("user.n" + i, filled(30));
            }
            s.put(k + " x 30", m);
        }
        s.put(
                "capability",
                Map.of("security.capability", HexFormat.of().parseHex("0100000280000000000000000000000000000000")));
        s.put(
                "access ACL",
                Map.of(PosixAcl.ACCESS_XATTR, PosixAcl.fromText("u::rw-,u:1:r--,u:2:rw-,g::r--,g:3:r--,o::r--")));
        s.put(
                "dir: both ACLs",
                Map.of(
                        PosixAcl.ACCESS_XATTR,
                        PosixAcl.fromText("u::rwx,u:1:r--,g::r-x,o::r-x"),
                        PosixAcl.DEFAULT_XATTR,
                        PosixAcl.fromText("u::rwx,u:2:rwx,g::r-x,o::r-x")));
        return s;
    }

    private static long predicted(Filesystem fs, Map<String, byte[]> set) {
        SummaryEntry e = new SummaryEntry("f", EntryKind.FILE, 0, "", "", 0644, 0, 0, Chunks.NONE).withXattrs(set);
        return fs.xattrBytes(e.xattrs(), e.xattrBytes());
    }

    @Test
    void xattrBytes_noneOrFew_costNothing_manyCostABlock_btrfsNever() {
        for (Filesystem fs : Filesystem.values()) {
            assertEquals(0, fs.xattrBytes(0, 0), fs.label());
            assertEquals(0, predicted(fs, Map.of("security.capability", new byte[20])), fs.label());
            assertEquals(
                    fs == Filesystem.BTRFS ? 0 : Filesystem.BLOCK,
                    predicted(fs, Map.of("user.v", filled(1000))),
                    fs.label());
        }
    }

    @Test
    void xattrStoredBytes_aclsInCompactForm_namesWithoutNamespace() {
        // 4 header + user_obj 4 + user 8 + group_obj 4 + mask 4 + other 4
        assertEquals(
                28,
                Filesystem.xattrStoredBytes(PosixAcl.ACCESS_XATTR, PosixAcl.fromText("u::rw-,u:1:r--,g::r--,o::r--")));
        assertEquals(12 + 20, Filesystem.xattrStoredBytes("security.capability", new byte[20]));
        assertEquals(4 + 0, Filesystem.xattrStoredBytes("user.x", new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(LoopFilesystem.Type.class)
    void xattrBytes_matchWhatTheFileSystemAllocates(LoopFilesystem.Type type) throws IOException {
        assumeTrue(type.available(), type + ": needs root and " + type.program());
        Filesystem fs = Filesystem.valueOf(type.name());
        try (LoopFilesystem loop = LoopFilesystem.create(type, dir, LoopFilesystem.DEFAULT_SIZE)) {
            long fileBase = Stat.of(Files.writeString(loop.root().resolve("plain"), "x"))
                    .allocatedBytes();
            long dirBase = Stat.of(Files.createDirectory(loop.root().resolve("plain-dir")))
                    .allocatedBytes();
            Map<String, Long> measured = new LinkedHashMap<>();
            Map<String, Long> model = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, Map<String, byte[]>> set : sets().entrySet()) {
                boolean isDir = set.getKey().startsWith("dir:");
                Path f = isDir
                        ? Files.createDirectory(loop.root().resolve("d" + i++))
                        : Files.writeString(loop.root().resolve("f" + i++), "x");
                for (Map.Entry<String, byte[]> x : set.getValue().entrySet()) {
                    Posix.lsetxattr(f, x.getKey(), x.getValue());
                }
                measured.put(set.getKey(), Stat.of(f).allocatedBytes() - (isDir ? dirBase : fileBase));
                model.put(set.getKey(), predicted(fs, set.getValue()));
            }
            assertEquals(
                    model,
                    measured,
                    type + ": bytes the xattrs add to a one-byte file (or an empty directory), by set");
        }
    }
}
