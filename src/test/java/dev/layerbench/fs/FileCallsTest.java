package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDK's way and the native way of each call by path have the same effect. */
class FileCallsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(FileCalls.class)
    void fileType_eachKind_asPosixSaysIt(FileCalls calls) throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Path d = Files.createDirectory(tmp.resolve("d"));
        Path l = Files.createSymbolicLink(tmp.resolve("l"), f);
        Path p = tmp.resolve("p");
        Posix.mknod(p, Posix.S_IFIFO, 0600, 0, 0);
        for (Path x : new Path[] {f, d, l, p, tmp.resolve("absent"), f.resolve("below-a-file")}) {
            assertEquals(Posix.fileType(x), calls.fileType(x), x.toString());
        }
        assertEquals(Posix.S_IFIFO, calls.fileType(p));
        assertEquals(0, calls.fileType(f.resolve("below-a-file")), "ENOTDIR reads as absent");
    }

    @ParameterizedTest
    @EnumSource(FileCalls.class)
    void createFile_contentAndPermissionsLessTheUmask_neverOverAnExistingPath(FileCalls calls) throws IOException {
        Path f = tmp.resolve("f");
        byte[] data = "hello world".getBytes(StandardCharsets.UTF_8);
        calls.createFile(f, data, 5, 0600);
        assertEquals("hello", Files.readString(f));
        assertEquals(0600, mode(f));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("target"));
        assertThrows(FileSystemException.class, () -> calls.createFile(link, data, 1, 0600));
        assertTrue(Files.notExists(tmp.resolve("target")), "a symlink in the way is not followed");
        assertThrows(FileSystemException.class, () -> calls.createFile(f, data, 1, 0600));
        assertEquals("hello", Files.readString(f), "an existing file is not opened");
    }

    @ParameterizedTest
    @EnumSource(FileCalls.class)
    void chmod_allTwelveBits(FileCalls calls) throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Path d = Files.createDirectory(tmp.resolve("d"));
        calls.chmod(f, 06755);
        calls.chmod(d, 01777);
        assertEquals(06755, mode(f));
        assertEquals(01777, mode(d));
    }

    @ParameterizedTest
    @EnumSource(FileCalls.class)
    void lutimes_symlinkItselfDirectoryFifoAndTimesOutsideTheJdksRange(FileCalls calls) throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Path l = Files.createSymbolicLink(tmp.resolve("l"), f);
        Path d = Files.createDirectory(tmp.resolve("d"));
        Path p = tmp.resolve("p");
        Posix.mknod(p, Posix.S_IFIFO, 0600, 0, 0);
        FileTime before = Files.getLastModifiedTime(f);
        calls.lutimes(l, 1_000_000_000L, 123_456_789);
        assertEquals(at(1_000_000_000L, 123_456_789), Files.getLastModifiedTime(l, LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, Files.getLastModifiedTime(f), "the link's target is untouched");
        calls.lutimes(d, 1_500_000_000L, 1);
        assertEquals(at(1_500_000_000L, 1), Files.getLastModifiedTime(d));
        // a FIFO is never opened (that would wait for a writer)
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> calls.lutimes(p, 1_600_000_000L, 0));
        assertEquals(at(1_600_000_000L, 0), Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        long year2300 = 10_413_792_000L; // beyond a long of nanoseconds
        calls.lutimes(f, year2300, 7);
        assertEquals(year2300, Files.getLastModifiedTime(f).toInstant().getEpochSecond(), "ext4 drops the nanoseconds");
        calls.lutimes(d, -86_400L, 5);
        assertEquals(at(-86_400L, 5), Files.getLastModifiedTime(d));
    }

    @Test
    void jdkCreateFile_existingPath_failsAsTheJdkSays() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        assertThrows(FileAlreadyExistsException.class, () -> FileCalls.JDK.createFile(f, new byte[1], 1, 0600));
    }

    @ParameterizedTest
    @EnumSource(FileCalls.class)
    void lchown_symlinkItself(FileCalls calls) throws IOException {
        Assumptions.assumeTrue(Posix.isRoot(), "needs root: chown");
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Path l = Files.createSymbolicLink(tmp.resolve("l"), f);
        calls.lchown(l, 1234, 5678);
        assertEquals(1234, Files.getAttribute(l, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(5678, Files.getAttribute(l, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.getAttribute(f, "unix:uid"), "the target keeps its owner");
    }

    private static FileTime at(long seconds, int nanos) {
        return FileTime.from(Instant.ofEpochSecond(seconds, nanos));
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
