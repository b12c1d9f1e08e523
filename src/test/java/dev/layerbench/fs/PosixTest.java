package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTest {

    @TempDir
    Path tmp;

    @Test
    void geteuidAndGetegid_areTheOwnerAndGroupANewFileGets() throws IOException {
        Path plain = tmp.resolve("plain");
        Files.createDirectory(plain);
        Files.setPosixFilePermissions(plain, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path f = Files.createFile(plain.resolve("f"));
        assertEquals(Files.getAttribute(f, "unix:uid"), Posix.geteuid());
        assertEquals(Files.getAttribute(f, "unix:gid"), Posix.getegid());
    }

    @Test
    void createFile_writesContentModeAndTimesThroughTheDescriptor() throws IOException {
        Path f = tmp.resolve("f");
        int fd = Posix.createFile(f, 0600);
        byte[] data = "hello world".getBytes(StandardCharsets.UTF_8);
        Posix.write(fd, f, data, 6, 5);
        Posix.fchmod(fd, f, 04750);
        Posix.futimens(fd, f, 1_000_000_000L, 5);
        Posix.close(fd, f);
        assertEquals("world", Files.readString(f));
        assertEquals(04750, (Integer) Files.getAttribute(f, "unix:mode") & 07777);
        assertEquals(FileTime.from(java.time.Instant.ofEpochSecond(1_000_000_000L, 5)), Files.getLastModifiedTime(f));
    }

    @Test
    void createFile_existingPath_failsWithEexistNamingThePath() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        PosixException e = assertThrows(PosixException.class, () -> Posix.createFile(f, 0600));
        assertEquals(Errno.EEXIST, e.errno());
        assertTrue(e.getMessage().startsWith(f + ": open: "), e.getMessage());
    }

    @Test
    void createFile_symlinkInTheWay_isNotFollowed() throws IOException {
        Path target = tmp.resolve("target");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertThrows(PosixException.class, () -> Posix.createFile(link, 0600));
        assertTrue(Files.notExists(target));
    }

    @Test
    void mknod_fifo_worksWithoutRoot() throws IOException {
        Path p = tmp.resolve("fifo");
        Posix.mknod(p, Posix.S_IFIFO, 0640, 0, 0);
        assertEquals(
                Posix.S_IFIFO, (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & Posix.S_IFMT);
    }

    @Test
    void mknod_whiteoutDevice_asRoot() throws IOException {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: mknod of a character device");
        Path p = tmp.resolve("wh");
        Posix.mknod(p, Posix.S_IFCHR, 0, 0, 0);
        assertEquals(
                Posix.S_IFCHR, (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & Posix.S_IFMT);
        assertEquals(0L, ((Number) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
        Path tty = tmp.resolve("tty");
        Posix.mknod(tty, Posix.S_IFCHR, 0666, 5, 0);
        assertEquals(
                Posix.makedev(5, 0),
                ((Number) Files.getAttribute(tty, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
    }

    @Test
    void mknod_largeMinor_keepsItAndATooLargeMajorIsEinval() throws IOException {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: mknod of a character device");
        Path dev = tmp.resolve("dev");
        Posix.mknod(dev, Posix.S_IFCHR, 0600, 300, 70000);
        assertEquals(
                Posix.makedev(300, 70000),
                ((Number) Files.getAttribute(dev, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
        Path big = tmp.resolve("big");
        PosixException e = assertThrows(PosixException.class, () -> Posix.mknod(big, Posix.S_IFCHR, 0600, 5000, 0));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(Files.notExists(big, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void xattrs_setGetList_onFileAndSymlink() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        try {
            Posix.lsetxattr(f, "user.layerbench", new byte[] {1, 2, 3});
        } catch (PosixException e) {
            Assumptions.assumeTrue(false, "the temp file system takes no user xattrs: " + e.getMessage());
        }
        assertArrayEquals(
                new byte[] {1, 2, 3}, Posix.lgetxattr(f, "user.layerbench").orElseThrow());
        assertTrue(Posix.llistxattr(f).contains("user.layerbench"));
        assertTrue(Posix.lgetxattr(f, "user.absent").isEmpty());
        if (Posix.isRoot()) {
            Path link = Files.createSymbolicLink(tmp.resolve("l"), f);
            Posix.lsetxattr(link, "trusted.layerbench", new byte[] {9});
            assertArrayEquals(
                    new byte[] {9}, Posix.lgetxattr(link, "trusted.layerbench").orElseThrow());
            assertTrue(Posix.lgetxattr(f, "trusted.layerbench").isEmpty(), "set on the link, not its target");
        }
    }

    @Test
    void lchownAndLutimes_onSymlink_leaveTheTargetAlone() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        FileTime before = Files.getLastModifiedTime(f);
        Path link = Files.createSymbolicLink(tmp.resolve("l"), f);
        int uid = (Integer) Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        Posix.lchown(link, uid, gid);
        Posix.lutimes(link, 86400, 0);
        assertEquals(FileTime.fromMillis(86_400_000L), Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, Files.getLastModifiedTime(f));
    }

    @Test
    void lchown_missingPath_namesPathAndStrerror() {
        Path p = tmp.resolve("missing");
        PosixException e = assertThrows(PosixException.class, () -> Posix.lchown(p, 0, 0));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(p + ": lchown: No such file or directory", e.getMessage());
    }
}
