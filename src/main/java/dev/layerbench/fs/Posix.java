package dev.layerbench.fs;

import static dev.layerbench.fs.Native.CAPTURE;
import static dev.layerbench.fs.Native.call;
import static dev.layerbench.fs.Native.errno;
import static dev.layerbench.fs.Native.errnoCall;
import static dev.layerbench.fs.Native.sys;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.layerbench.fs.Native.Sys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux libc calls the JDK does not offer, through the foreign function API. Paths are passed as the bytes of
 * {@link Path#toString()} in UTF-8. Every failure throws {@link PosixException} naming the path, the call and
 * {@code strerror(errno)}; {@code errno} is captured by the linker right after the call.
 */
public final class Posix {

    /** File type bits of {@code st_mode} (sys/stat.h). */
    public static final int S_IFMT = 0170000;

    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    /** Permission, set-id and sticky bits. */
    public static final int MODE_BITS = 07777;

    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    /** 0400000 in the generic and x86 tables; arm, aarch64 and powerpc have their own (there 0400000 is O_LARGEFILE). */
    private static final int O_NOFOLLOW = switch (System.getProperty("os.arch", "")) {
        case "aarch64", "arm", "ppc64", "ppc64le" -> 0100000;
        default -> 0400000;
    };

    private static final int O_CLOEXEC = 02000000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int XATTR_LIST_MAX = 65536;
    private static final int XATTR_SIZE_MAX = 65536;

    // The calls an unpack makes per file go through Native.sys (one syscall(2) stub for all of them); the others have
    // one holder class per C function: a handle is linked (a few ms each) on its first use, not when Posix loads.

    private static final class Write {
        static final MethodHandle H = errnoCall(
                "write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
    }

    private static final class Mmap {
        static final MethodHandle H = errnoCall(
                "mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    }

    private static final class Munmap {
        static final MethodHandle H = errnoCall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Mincore {
        static final MethodHandle H =
                errnoCall("mincore", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
    }

    private static final class Sync {
        static final MethodHandle H = call("sync", FunctionDescriptor.ofVoid());
    }

    private static final class Getpagesize {
        static final MethodHandle H = call("getpagesize", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Geteuid {
        static final MethodHandle H = call("geteuid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Getegid {
        static final MethodHandle H = call("getegid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class Strerror {
        static final MethodHandle H = call("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private Posix() {}

    /**
     * The effective user id of this process; 0 means root. Read from {@code /proc/self/status} (its {@code Uid:} line's
     * second field), so that a tool asking it does not link the foreign function API for it (about 60 ms for the first
     * call linked in a JVM); {@code geteuid(2)} where that file cannot be read.
     */
    public static int geteuid() {
        int[] ids = Ids.IDS;
        if (ids != null) {
            return ids[0];
        }
        try {
            return (int) Geteuid.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("geteuid failed", t);
        }
    }

    /**
     * The effective group id of this process: the group a new file gets in a directory without the set-group-id bit.
     * As {@link #geteuid}, from {@code /proc/self/status} ({@code Gid:}), else {@code getegid(2)}.
     */
    public static int getegid() {
        int[] ids = Ids.IDS;
        if (ids != null) {
            return ids[1];
        }
        try {
            return (int) Getegid.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getegid failed", t);
        }
    }

    /** The effective uid and gid from {@code /proc/self/status}, read once (they do not change here), or null. */
    private static final class Ids {
        static final int[] IDS = read();

        private static int[] read() {
            try {
                List<String> status = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
                // "Uid:\treal\teffective\tsaved\tfs"
                int uid = statusField(status, "Uid:", 1, 10);
                int gid = statusField(status, "Gid:", 1, 10);
                return uid >= 0 && gid >= 0 ? new int[] {uid, gid} : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * This process's file mode creation mask, from the {@code Umask:} line of {@code /proc/self/status} (Linux 4.7+;
     * read, not set, since {@code umask(2)} can only be read by changing it), or -1 when it cannot be read.
     */
    public static int umask() {
        try {
            return statusField(
                    Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII), "Umask:", 0, 8);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Field {@code index} (from 0, separated by blanks) after {@code key} on its line of {@code /proc/self/status},
     * read in {@code radix}; -1 when there is no such line or field.
     */
    static int statusField(List<String> status, String key, int index, int radix) {
        for (String line : status) {
            if (line.startsWith(key)) {
                int i = key.length();
                for (int field = 0; ; field++) {
                    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    int start = i;
                    while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    if (start == i) {
                        return -1;
                    }
                    if (field == index) {
                        return Integer.parseInt(line, start, i, radix);
                    }
                }
            }
        }
        return -1;
    }

    /** Whether this process runs as root (and so may make device nodes, chown and set trusted.* xattrs). */
    public static boolean isRoot() {
        return geteuid() == 0;
    }

    /** The C library's text for an errno value. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.H.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    // ---- files by descriptor ---------------------------------------------------------------------------------

    /**
     * Creates a new regular file for writing, never following a symlink and never opening an existing file
     * ({@code O_CREAT|O_EXCL|O_NOFOLLOW}); returns its descriptor.
     */
    public static int createFile(Path path, int mode) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) sys(
                    state,
                    Sys.OPENAT,
                    AT_FDCWD,
                    cString(arena, path).address(),
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    mode & MODE_BITS,
                    0);
            if (fd < 0) {
                throw new PosixException(path.toString(), "open", errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Writes all of {@code data[off, off+len)} to a descriptor; {@code path} names it in errors. */
    public static void write(int fd, Path path, byte[] data, int off, int len) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment heap = MemorySegment.ofArray(data);
            int done = 0;
            while (done < len) {
                long n = (long) Write.H.invokeExact(state, fd, heap.asSlice(off + done), (long) (len - done));
                if (n < 0) {
                    throw new PosixException(path.toString(), "write", errno(state));
                }
                done += (int) n;
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void fchown(int fd, Path path, int uid, int gid) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check((int) sys(state, Sys.FCHOWN, fd, uid, gid, 0, 0), state, path, "fchown");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void fchmod(int fd, Path path, int mode) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check((int) sys(state, Sys.FCHMOD, fd, mode & MODE_BITS, 0, 0, 0), state, path, "fchmod");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets a descriptor's access and modification times to {@code seconds.nanos}. */
    public static void futimens(int fd, Path path, long seconds, int nanos) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            // futimens(3) is utimensat(fd, NULL, times, 0)
            check(
                    (int) sys(
                            state,
                            Sys.UTIMENSAT,
                            fd,
                            0,
                            timespecs(arena, seconds, nanos).address(),
                            0,
                            0),
                    state,
                    path,
                    "futimens");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void close(int fd, Path path) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check((int) sys(state, Sys.CLOSE, fd, 0, 0, 0, 0), state, path, "close");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Opens an existing file read-only, never following a symlink ({@code O_RDONLY|O_NOFOLLOW}); returns its descriptor. */
    public static int openRead(Path path) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int)
                    sys(state, Sys.OPENAT, AT_FDCWD, cString(arena, path).address(), O_NOFOLLOW | O_CLOEXEC, 0, 0);
            if (fd < 0) {
                throw new PosixException(path.toString(), "open", errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code struct cachestat}: five {@code __u64}, {@code nr_cache} first. */
    private static final long CACHESTAT_SIZE = 5 * 8;

    /**
     * Pages of an open file in the page cache, by {@code cachestat(fd, {0, 0}, &cs, 0)} (Linux 6.5+): its
     * {@code nr_cache}. Throws {@link PosixException} with {@link Errno#ENOSYS} on an older kernel.
     *
     * @see <a href="https://man7.org/linux/man-pages/man2/cachestat.2.html">cachestat(2)</a>
     */
    public static long cachestatPages(int fd, Path path) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment range = arena.allocate(16, 8); // {off = 0, len = 0}: the whole file
            MemorySegment stat = arena.allocate(CACHESTAT_SIZE, 8);
            long r = sys(state, Sys.CACHESTAT, fd, range.address(), stat.address(), 0, 0);
            if (r < 0) {
                throw new PosixException(path.toString(), "cachestat", errno(state));
            }
            return stat.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;

    /**
     * Pages of the first {@code length} bytes of an open file in the page cache, by {@code mmap} (read-only, shared:
     * nothing is read) and {@code mincore} (the kernels before {@code cachestat}).
     *
     * @see <a href="https://man7.org/linux/man-pages/man2/mincore.2.html">mincore(2)</a>
     */
    public static long mincorePages(int fd, Path path, long length) throws PosixException {
        if (length <= 0) {
            return 0;
        }
        long pages = (length + pageSize() - 1) / pageSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment map = (MemorySegment)
                    Mmap.H.invokeExact(state, MemorySegment.NULL, length, PROT_READ, MAP_SHARED, fd, 0L);
            if (map.address() == -1L) {
                throw new PosixException(path.toString(), "mmap", errno(state));
            }
            try {
                MemorySegment vec = arena.allocate(pages);
                check((int) Mincore.H.invokeExact(state, map, length, vec), state, path, "mincore");
                long resident = 0;
                for (long i = 0; i < pages; i++) {
                    resident += vec.get(JAVA_BYTE, i) & 1;
                }
                return resident;
            } finally {
                check((int) Munmap.H.invokeExact(state, map, length), state, path, "munmap");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Flushes every filesystem's dirty data to disk ({@code sync(2)}). */
    public static void sync() {
        try {
            Sync.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("sync failed", t);
        }
    }

    /** The page size, the unit of the page cache. */
    public static long pageSize() {
        try {
            return (int) Getpagesize.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getpagesize failed", t);
        }
    }

    // ---- files by path ---------------------------------------------------------------------------------------

    /**
     * Makes a special file: {@code type} is {@link #S_IFCHR}, {@link #S_IFBLK} or {@link #S_IFIFO}. An overlayfs
     * whiteout is {@code mknod(path, S_IFCHR, 0, 0)}.
     */
    public static void mknod(Path path, int type, int mode, int major, int minor) throws PosixException {
        long dev = makedev(major, minor);
        if ((dev >>> 32) != 0) {
            // the system call takes a 32-bit device number; glibc's mknod refuses a larger one the same way
            throw new PosixException(path.toString(), "mknod", Errno.EINVAL);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check(
                    (int) sys(
                            state,
                            Sys.MKNODAT,
                            AT_FDCWD,
                            cString(arena, path).address(),
                            (type & S_IFMT) | (mode & MODE_BITS),
                            dev,
                            0),
                    state,
                    path,
                    "mknod");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** glibc's {@code makedev}: the Linux dev_t encoding of a major and minor number. */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffL) << 8) | ((ma & ~0xfffL) << 32) | (mi & 0xffL) | ((mi & ~0xffL) << 12);
    }

    /** Changes owner and group of a path, of the symlink itself when it is one. */
    public static void lchown(Path path, int uid, int gid) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check(
                    (int) sys(
                            state,
                            Sys.FCHOWNAT,
                            AT_FDCWD,
                            cString(arena, path).address(),
                            uid,
                            gid,
                            AT_SYMLINK_NOFOLLOW),
                    state,
                    path,
                    "lchown");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets all twelve mode bits (permissions, set-id, sticky); follows symlinks, as chmod(2) does. */
    public static void chmod(Path path, int mode) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check(
                    (int) sys(
                            state, Sys.FCHMODAT, AT_FDCWD, cString(arena, path).address(), mode & MODE_BITS, 0, 0),
                    state,
                    path,
                    "chmod");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets access and modification times of a path, of the symlink itself when it is one. */
    public static void lutimes(Path path, long seconds, int nanos) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            check(
                    (int) sys(
                            state,
                            Sys.UTIMENSAT,
                            AT_FDCWD,
                            cString(arena, path).address(),
                            timespecs(arena, seconds, nanos).address(),
                            AT_SYMLINK_NOFOLLOW,
                            0),
                    state,
                    path,
                    "utimensat");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** File type bits a directory has in {@code st_mode}. */
    public static final int S_IFDIR = 0040000;
    /** File type bits a symlink has in {@code st_mode}. */
    public static final int S_IFLNK = 0120000;

    private static final int STATX_TYPE = 0x1;
    private static final int STATX_BUFFER = 256;
    private static final long STATX_MODE_OFFSET = 28;

    /**
     * The file type bits ({@code st_mode & S_IFMT}) of a path itself, not following a symlink, or 0 when nothing is
     * there (ENOENT, ENOTDIR): one {@code statx} call, and no exception for the common "absent" answer.
     */
    public static int fileType(Path path) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment buffer = arena.allocate(STATX_BUFFER, 8);
            int r = (int) sys(
                    state,
                    Sys.STATX,
                    AT_FDCWD,
                    cString(arena, path).address(),
                    AT_SYMLINK_NOFOLLOW,
                    STATX_TYPE,
                    buffer.address());
            if (r < 0) {
                int errno = errno(state);
                if (errno == Errno.ENOENT || errno == Errno.ENOTDIR) {
                    return 0;
                }
                throw new PosixException(path.toString(), "statx", errno);
            }
            return Short.toUnsignedInt(buffer.get(java.lang.foreign.ValueLayout.JAVA_SHORT, STATX_MODE_OFFSET))
                    & S_IFMT;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- extended attributes ---------------------------------------------------------------------------------

    /** Sets an extended attribute on a path, on the symlink itself when it is one. */
    public static void lsetxattr(Path path, String name, byte[] value) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
            check(
                    (int) sys(
                            state,
                            Sys.LSETXATTR,
                            cString(arena, path).address(),
                            arena.allocateFrom(name).address(),
                            v.address(),
                            value.length,
                            0),
                    state,
                    path,
                    "lsetxattr " + name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets an extended attribute through a descriptor; {@code path} names it in errors. */
    public static void fsetxattr(int fd, Path path, String name, byte[] value) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
            check(
                    (int) sys(
                            state, Sys.FSETXATTR, fd, arena.allocateFrom(name).address(), v.address(), value.length, 0),
                    state,
                    path,
                    "fsetxattr " + name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** An extended attribute's value, or empty when the path has no such attribute. */
    public static Optional<byte[]> lgetxattr(Path path, String name) throws PosixException {
        // Most values are a few bytes (overlay markers): try a small buffer first, the largest possible only on ERANGE.
        for (long size : new long[] {256, XATTR_SIZE_MAX}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CAPTURE);
                MemorySegment buffer = arena.allocate(size);
                long n = sys(
                        state,
                        Sys.LGETXATTR,
                        cString(arena, path).address(),
                        arena.allocateFrom(name).address(),
                        buffer.address(),
                        size,
                        0);
                if (n < 0) {
                    int errno = errno(state);
                    if (errno == Errno.ENODATA) {
                        return Optional.empty();
                    }
                    if (errno == Errno.ERANGE && size < XATTR_SIZE_MAX) {
                        continue;
                    }
                    throw new PosixException(path.toString(), "lgetxattr " + name, errno);
                }
                return Optional.of(buffer.asSlice(0, n).toArray(JAVA_BYTE));
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * Every extended attribute of a path (of the symlink itself when it is one), name to value, in name order; empty
     * where the file system keeps none. An attribute removed between the listing and the read is left out.
     */
    public static java.util.SortedMap<String, byte[]> lgetxattrs(Path path) throws PosixException {
        java.util.SortedMap<String, byte[]> all = new java.util.TreeMap<>();
        List<String> names;
        try {
            names = llistxattr(path);
        } catch (PosixException e) {
            if (e.errno() == Errno.EOPNOTSUPP) {
                return all;
            }
            throw e;
        }
        for (String name : names) {
            lgetxattr(path, name).ifPresent(v -> all.put(name, v));
        }
        return all;
    }

    /** The names of a path's extended attributes (of the symlink itself when it is one). */
    public static List<String> llistxattr(Path path) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment buffer = arena.allocate(XATTR_LIST_MAX);
            long n = sys(state, Sys.LLISTXATTR, cString(arena, path).address(), buffer.address(), XATTR_LIST_MAX, 0, 0);
            if (n < 0) {
                throw new PosixException(path.toString(), "llistxattr", errno(state));
            }
            byte[] names = buffer.asSlice(0, n).toArray(JAVA_BYTE);
            List<String> result = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < names.length; i++) {
                if (names[i] == 0) {
                    if (i > start) {
                        result.add(new String(names, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static MemorySegment cString(Arena arena, Path path) {
        return arena.allocateFrom(path.toString(), StandardCharsets.UTF_8);
    }

    private static MemorySegment timespecs(Arena arena, long seconds, int nanos) {
        MemorySegment times = arena.allocate(JAVA_LONG, 4);
        times.setAtIndex(JAVA_LONG, 0, seconds);
        times.setAtIndex(JAVA_LONG, 1, nanos);
        times.setAtIndex(JAVA_LONG, 2, seconds);
        times.setAtIndex(JAVA_LONG, 3, nanos);
        return times;
    }

    private static void check(int result, MemorySegment state, Path path, String call) throws PosixException {
        if (result < 0) {
            throw new PosixException(path.toString(), call, errno(state));
        }
    }

    private static RuntimeException rethrow(Throwable t) throws PosixException {
        if (t instanceof PosixException p) {
            throw p;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
