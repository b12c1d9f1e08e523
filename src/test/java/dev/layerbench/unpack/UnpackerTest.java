package dev.layerbench.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.codec.Compression;
import dev.layerbench.digest.Digest;
import dev.layerbench.digest.DigestMismatchException;
import dev.layerbench.fs.FileCalls;
import dev.layerbench.fs.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Layer semantics: content, modes, links, long names, replacement, and atomicity of the target. */
class UnpackerTest {

    @TempDir
    Path tmp;

    private int layerCount;

    static UnpackOptions options() {
        return UnpackOptions.flatten().withOwners(UnpackOptions.Owners.SKIP);
    }

    /** Applies layers, bottom first, into a new directory {@code tmp/root}, atomically. */
    Path flatten(byte[]... tars) throws IOException {
        List<LayerSource> sources = new ArrayList<>();
        for (byte[] t : tars) {
            Path f = tmp.resolve("layer" + (layerCount++) + ".tar");
            Files.write(f, t);
            sources.add(LayerBlob.of(f));
        }
        Path root = tmp.resolve("root");
        try (Staging s = Staging.beside(root)) {
            Unpacker.apply(s.dir(), sources, options());
            assertTrue(s.commit());
        }
        return root;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void applyLayer_eachCodec_writesFilesAndVerifiesDigests(Compression codec) throws IOException {
        byte[] big = new byte[3 << 20];
        new SplittableRandom(1).nextBytes(big);
        byte[] tar = new TarBuilder()
                .dir("etc")
                .file("etc/hostname", "box\n")
                .file("big.bin", big, 0600)
                .symlink("etc/link", "hostname")
                .build();
        Path blob = Files.write(tmp.resolve("layer"), TarBuilder.compress(tar, codec));
        LayerBlob checked = new LayerBlob(blob, Optional.of(Digest.of(blob)), Optional.of(Digest.of(tar)));
        UnpackSummary s = Unpacker.applyLayer(checked, tmp.resolve("out"), options());
        Path out = tmp.resolve("out");
        assertEquals("box\n", Files.readString(out.resolve("etc/hostname")));
        assertArrayEquals(big, Files.readAllBytes(out.resolve("big.bin")));
        assertEquals("hostname", Files.readSymbolicLink(out.resolve("etc/link")).toString());
        assertEquals(4, s.entries());
        assertEquals(tar.length, s.bytes());
        assertEquals(List.of(Digest.of(tar)), s.diffIds());
        assertTrue(s.line().startsWith("unpacked 1 layer into "), s.line());
    }

    @Test
    void applyLayer_modesAndMtimes_areApplied() throws IOException {
        Path root = flatten(new TarBuilder()
                .dir("ro", 0555)
                .file("ro/x", "x".getBytes(StandardCharsets.UTF_8), 04755)
                .file("sticky", new byte[0], 01600)
                .build());
        assertEquals(0555, mode(root.resolve("ro")));
        assertEquals(04755, mode(root.resolve("ro/x")));
        assertEquals(01600, mode(root.resolve("sticky")));
        assertEquals(TarBuilder.MTIME, Files.getLastModifiedTime(root.resolve("ro")));
        assertEquals(TarBuilder.MTIME, Files.getLastModifiedTime(root.resolve("ro/x")));
    }

    @Test
    void applyLayer_hardLinks_shareTheInodeWithinAndAcrossLayers() throws IOException {
        Path root = flatten(
                new TarBuilder().file("a", "one").build(),
                new TarBuilder()
                        .file("b", "two")
                        .hardlink("b2", "b")
                        .hardlink("a2", "./a")
                        .build());
        assertTrue(Files.isSameFile(root.resolve("b"), root.resolve("b2")));
        assertTrue(Files.isSameFile(root.resolve("a"), root.resolve("a2")));
        assertEquals("two", Files.readString(root.resolve("b2")));
    }

    @ParameterizedTest
    @EnumSource(value = LongNames.class)
    void applyLayer_longNames_paxAndGnu(LongNames form) throws IOException {
        String dir = "d".repeat(120);
        String name = dir + "/" + "f".repeat(200);
        String target = "t".repeat(150);
        Path root = flatten(new TarBuilder(form.mode)
                .dir(dir)
                .file(name, "long")
                .symlink(dir + "/l", target)
                .build());
        assertEquals("long", Files.readString(root.resolve(name)));
        assertEquals(target, Files.readSymbolicLink(root.resolve(dir + "/l")).toString());
    }

    enum LongNames {
        PAX(TarArchiveOutputStream.LONGFILE_POSIX),
        GNU(TarArchiveOutputStream.LONGFILE_GNU);

        final int mode;

        LongNames(int mode) {
            this.mode = mode;
        }
    }

    @Test
    void applyLayer_typeReplacement_unlinksAndRecreates() throws IOException {
        Path root = flatten(
                new TarBuilder()
                        .dir("d")
                        .file("d/inner", "x")
                        .file("f", "file")
                        .symlink("s", "f")
                        .dir("keep")
                        .file("keep/a", "a")
                        .build(),
                new TarBuilder()
                        .file("d", "now a file")
                        .dir("f")
                        .symlink("keep2", "keep")
                        .dir("s")
                        .dir("keep", 0700)
                        .build());
        assertTrue(Files.isRegularFile(root.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("now a file", Files.readString(root.resolve("d")));
        assertTrue(Files.isDirectory(root.resolve("f"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(root.resolve("s"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("a", Files.readString(root.resolve("keep/a")), "a directory over a directory keeps its content");
        assertEquals(0700, mode(root.resolve("keep")), "and takes the new attributes");
    }

    @Test
    void applyLayer_inDirectoriesTheLayerMade_sameNameTwiceAndEveryModeHold() throws IOException {
        byte[] one = "first".getBytes(StandardCharsets.UTF_8);
        byte[] two = "second".getBytes(StandardCharsets.UTF_8);
        Path root = flatten(
                new TarBuilder()
                        .file("new/dir/x", one, 0666)
                        .file("new/dir/x", two, 0777)
                        .dir("made")
                        .file("made/y", "y")
                        .symlink("made/z", "y")
                        .file("made/z", one, 0)
                        .file("made/w", two, 0640)
                        .build(),
                new TarBuilder().file("made/y", two, 0604).build());
        assertEquals("second", Files.readString(root.resolve("new/dir/x")));
        assertEquals(0777, mode(root.resolve("new/dir/x")), "bits the umask would strip are set");
        assertTrue(Files.isRegularFile(root.resolve("made/z"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, mode(root.resolve("made/z")));
        assertEquals(0640, mode(root.resolve("made/w")));
        assertEquals(
                "second",
                Files.readString(root.resolve("made/y")),
                "a later layer replaces in a directory it did not make");
        assertEquals(0604, mode(root.resolve("made/y")));
    }

    @Test
    void applyLayer_belowADefaultAcl_modesAreStillTheLayers() throws Exception {
        Tools.assumeInstalled("setfacl", "acl");
        Path parent = Files.createDirectory(tmp.resolve("acl"));
        // a default ACL that would give new files no bits for group and others, whatever the umask says
        Tools.run(tmp, 30, "setfacl", "-d", "-m", "u::rwx,g::---,o::---", parent.toString());
        byte[] tar = new TarBuilder()
                .dir("d", 0755)
                .file("d/f", "x".getBytes(StandardCharsets.UTF_8), 0644)
                .symlink("d/l", "f")
                .build();
        Path blob = Files.write(tmp.resolve("layer.tar"), tar);
        Unpacker.applyLayer(LayerBlob.of(blob), parent.resolve("out"), options());
        assertEquals(0644, mode(parent.resolve("out/d/f")));
        assertEquals(0755, mode(parent.resolve("out/d")));
        Unpacker.applyLayer(LayerBlob.of(blob), parent.resolve("jdk"), options().forFewFiles());
        assertEquals(0644, mode(parent.resolve("jdk/d/f")), "the JDK's calls, which do not read the ACL");
        assertEquals(0755, mode(parent.resolve("jdk/d")));
    }

    @Test
    void applyLayer_belowASetGroupIdDirectory_ownersAreStillTheLayers() throws IOException {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: chown");
        Path parent = Files.createDirectory(tmp.resolve("sgid"));
        Files.setAttribute(parent, "unix:gid", 4321);
        Files.setAttribute(parent, "unix:mode", 02775);
        byte[] tar = new TarBuilder()
                .dir(".", 0755)
                .dir("d", 0755)
                .file("d/f", "x".getBytes(StandardCharsets.UTF_8), 0644)
                .symlink("d/l", "f")
                .build();
        Path blob = Files.write(tmp.resolve("layer.tar"), tar);
        Unpacker.applyLayer(LayerBlob.of(blob), parent.resolve("out"), UnpackOptions.flatten());
        for (String p : List.of("out", "out/d", "out/d/f", "out/d/l")) {
            assertEquals(0, Files.getAttribute(parent.resolve(p), "unix:gid", LinkOption.NOFOLLOW_LINKS), p);
        }
        assertEquals(0755, mode(parent.resolve("out/d")), "no set-group-id bit passed down either");
    }

    @Test
    void applyLayer_fileWhereTheLayerImpliedADirectory_replacesIt() throws IOException {
        // a/b and s's target b are made on the way to a/b/f and s/f, not written by an entry of their own
        Path root = flatten(new TarBuilder()
                .file("a/b/f", "inner")
                .file("a/b", "now a file")
                .symlink("s", "b")
                .file("s/f", "via the link")
                .file("b", "b is a file")
                .build());
        assertEquals("now a file", Files.readString(root.resolve("a/b")));
        assertEquals("b is a file", Files.readString(root.resolve("b")));
    }

    @Test
    void applyLayer_sameNameTwiceInOneLayer_lastWins() throws IOException {
        Path root = flatten(new TarBuilder()
                .file("x", "first")
                .file("x", "second")
                .symlink("y", "x")
                .file("y", "file")
                .build());
        assertEquals("second", Files.readString(root.resolve("x")));
        assertTrue(Files.isRegularFile(root.resolve("y"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void applyLayer_wrongDiffId_leavesNoTarget() throws IOException {
        byte[] tar = new TarBuilder().file("a", "a").build();
        Path blob = Files.write(tmp.resolve("l.tar"), tar);
        LayerBlob wrong = new LayerBlob(blob, Optional.empty(), Optional.of(Digest.of(new byte[] {1})));
        Path out = tmp.resolve("out");
        assertThrows(DigestMismatchException.class, () -> Unpacker.applyLayer(wrong, out, options()));
        assertFalse(Files.exists(out));
        assertEquals(List.of("l.tar"), names(tmp), "no staging directory left behind");
    }

    @Test
    void applyLayer_failureIntoEmptyDirectory_leavesItEmpty() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path blob = Files.write(
                tmp.resolve("l.tar"),
                new TarBuilder().file("a", "a").hardlink("b", "missing").build());
        UnpackException e =
                assertThrows(UnpackException.class, () -> Unpacker.applyLayer(LayerBlob.of(blob), out, options()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertEquals(List.of(), names(out));
        assertEquals(List.of("l.tar", "out"), names(tmp));
    }

    @Test
    void applyLayer_intoEmptyDirectory_replacesIt() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path blob = Files.write(
                tmp.resolve("l.tar"), new TarBuilder().file("a", "a").build());
        Unpacker.applyLayer(LayerBlob.of(blob), out, options());
        assertEquals("a", Files.readString(out.resolve("a")));
    }

    @Test
    void applyLayer_nonEmptyTarget_isRefused() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(out.resolve("mine"), "keep");
        Path blob = Files.write(
                tmp.resolve("l.tar"), new TarBuilder().file("a", "a").build());
        UnpackException e =
                assertThrows(UnpackException.class, () -> Unpacker.applyLayer(LayerBlob.of(blob), out, options()));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of("mine"), names(out));
    }

    @Test
    void applyLayer_writersOrInline_giveTheSameTree() throws IOException {
        TarBuilder b = new TarBuilder();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            byte[] c = new byte[r.nextInt(0, 20000)];
            r.nextBytes(c);
            b.file("d" + (i % 7) + "/f" + i, c, 0644);
            if (i % 50 == 0) {
                b.hardlink("d" + (i % 7) + "/h" + i, "d" + (i % 7) + "/f" + i);
            }
        }
        Path blob = Files.write(tmp.resolve("l.tar"), b.build());
        Unpacker.applyLayer(LayerBlob.of(blob), tmp.resolve("a"), options().withWriters(0));
        Unpacker.applyLayer(LayerBlob.of(blob), tmp.resolve("b"), options().withWriters(3));
        assertEquals(TreeSnapshot.of(tmp.resolve("a"), false), TreeSnapshot.of(tmp.resolve("b"), false));
    }

    @Test
    void applyLayer_jdkOrPosixCalls_giveTheSameTreeOwnersAndTimes() throws IOException {
        TarBuilder b = new TarBuilder();
        int i = 0;
        for (int mode : new int[] {0644, 0600, 0, 0200, 0444, 04755, 02711, 01777, 0777}) {
            TarArchiveEntry d = new TarArchiveEntry("d" + i + "/", TarConstants.LF_DIR);
            d.setMode(mode == 0200 ? 0300 : mode == 0444 ? 0555 : mode | 0100);
            d.setIds(1000 + i, 2000 + i);
            d.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(1_600_000_000L + i, 1000 * i + 7)));
            b.putAsIs(d, null);
            TarArchiveEntry f = new TarArchiveEntry("d" + i + "/f", TarConstants.LF_NORMAL);
            byte[] content = ("file " + i).getBytes(StandardCharsets.UTF_8);
            f.setMode(mode);
            f.setSize(content.length);
            f.setIds(3000 + i, 4000 + i);
            f.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(1_700_000_000L - i, 123_456_789 - i)));
            b.putAsIs(f, content);
            TarArchiveEntry l = new TarArchiveEntry("d" + i + "/l", TarConstants.LF_SYMLINK);
            l.setLinkName("f");
            l.setIds(5000 + i, 6000 + i);
            l.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(1_500_000_000L + i, 99)));
            b.putAsIs(l, null);
            i++;
        }
        TarArchiveEntry old = new TarArchiveEntry("old", TarConstants.LF_NORMAL);
        old.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(-86_400L * 365)));
        b.putAsIs(old, new byte[0]);
        b.file("replaced", "first").symlink("was-a-link", "replaced").file("was-a-link", "now a file");
        b.hardlink("hard", "replaced").special("fifo", TarConstants.LF_FIFO, 0, 0);
        Path blob = Files.write(tmp.resolve("l.tar"), b.build());
        UnpackOptions posix = UnpackOptions.flatten().withWriters(0);
        assertEquals(FileCalls.POSIX, posix.calls());
        assertEquals(FileCalls.JDK, posix.forFewFiles().calls());
        Unpacker.applyLayer(LayerBlob.of(blob), tmp.resolve("posix"), posix);
        Unpacker.applyLayer(LayerBlob.of(blob), tmp.resolve("jdk"), posix.forFewFiles());
        boolean root = Posix.isRoot();
        assertEquals(TreeSnapshot.of(tmp.resolve("posix"), root), TreeSnapshot.of(tmp.resolve("jdk"), root));
        assertEquals(mtimes(tmp.resolve("posix")), mtimes(tmp.resolve("jdk")));
        assertEquals(04755, mode(tmp.resolve("jdk/d5/f")));
        Instant t = Files.getLastModifiedTime(tmp.resolve("jdk/d5/f")).toInstant();
        assertEquals(1_700_000_000L - 5, t.getEpochSecond());
        assertTrue(t.getNano() > 123_000_000, "the PAX record's fraction of a second is kept: " + t);
    }

    /** Every path's modification time, not following symlinks, but the root's (the time of the unpack). */
    static Map<String, FileTime> mtimes(Path root) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (!p.equals(root)) {
                    out.put("/" + root.relativize(p), Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        return out;
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
