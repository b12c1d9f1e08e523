package dev.layerbench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerbench.fs.Native.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Native#sys} by number and {@link Native#libc} (what an architecture without known numbers uses) give the same
 * results: the same file made, mode set and read back, and the same errno for a missing path.
 */
class NativeTest {

    @TempDir
    Path tmp;

    private static final long AT_FDCWD = -100;
    private static final long AT_SYMLINK_NOFOLLOW = 0x100;
    private static final long O_CREAT_EXCL_WRONLY = 0100 | 0200 | 01;

    /** One of the two ways of making a call. */
    private interface Way {
        long call(MemorySegment state, Sys sys, long a, long b, long c, long d, long e) throws Throwable;
    }

    @Test
    void sysAndLibc_openChmodStatClose_sameEffect() throws Throwable {
        check(tmp.resolve("by-number"), Native::sys);
        check(tmp.resolve("by-libc"), Native::libc);
    }

    @Test
    void sysAndLibc_missingPath_sameErrno() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            long path = arena.allocateFrom(tmp.resolve("no/such").toString(), StandardCharsets.UTF_8)
                    .address();
            assertEquals(-1, Native.sys(state, Sys.FCHMODAT, AT_FDCWD, path, 0644, 0, 0));
            assertEquals(Errno.ENOENT, Native.errno(state));
            assertEquals(-1, Native.libc(state, Sys.FCHMODAT, AT_FDCWD, path, 0644, 0, 0));
            assertEquals(Errno.ENOENT, Native.errno(state));
        }
    }

    @Test
    void sysAndLibc_utimensatOfADescriptor_setsTimes() throws Throwable {
        setTimes(tmp.resolve("by-number"), Native::sys);
        setTimes(tmp.resolve("by-libc"), Native::libc);
    }

    /** {@code utimensat(fd, NULL, times, 0)}, Posix.futimens's call: glibc's utimensat refuses the null path. */
    private static void setTimes(Path p, Way way) throws Throwable {
        Files.writeString(p, "x");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            long path = arena.allocateFrom(p.toString(), StandardCharsets.UTF_8).address();
            long fd = way.call(state, Sys.OPENAT, AT_FDCWD, path, 01, 0, 0);
            assertTrue(fd >= 0, p + ": openat errno " + Native.errno(state));
            MemorySegment times = arena.allocate(32, 8);
            times.set(ValueLayout.JAVA_LONG, 0, 1_000_000_000L);
            times.set(ValueLayout.JAVA_LONG, 16, 1_234_567_890L);
            times.set(ValueLayout.JAVA_LONG, 24, 5L);
            long r = way.call(state, Sys.UTIMENSAT, fd, 0, times.address(), 0, 0);
            int errno = Native.errno(state);
            assertEquals(0, way.call(state, Sys.CLOSE, fd, 0, 0, 0, 0));
            assertEquals(0, r, p + ": utimensat errno " + errno);
            assertEquals(
                    java.nio.file.attribute.FileTime.from(java.time.Instant.ofEpochSecond(1_234_567_890L, 5)),
                    Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private static void check(Path p, Way way) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            long path = arena.allocateFrom(p.toString(), StandardCharsets.UTF_8).address();
            long fd = way.call(state, Sys.OPENAT, AT_FDCWD, path, O_CREAT_EXCL_WRONLY, 0600, 0);
            assertTrue(fd >= 0, p + ": openat errno " + Native.errno(state));
            assertEquals(0, way.call(state, Sys.CLOSE, fd, 0, 0, 0, 0));
            assertEquals(0, way.call(state, Sys.FCHMODAT, AT_FDCWD, path, 0751, 0, 0));
            assertEquals(
                    "rwxr-x--x",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
            MemorySegment statx = arena.allocate(256, 8);
            assertEquals(0, way.call(state, Sys.STATX, AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, 0x2, statx.address()));
            assertEquals(0100751, Short.toUnsignedInt(statx.get(ValueLayout.JAVA_SHORT, 28)));
        }
    }
}
