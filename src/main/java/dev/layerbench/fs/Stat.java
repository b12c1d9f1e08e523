package dev.layerbench.fs;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What {@code statx(2)} says about one path, not following a symlink: the fields disk-usage accounting needs, which the
 * JDK's attribute views do not give (allocated blocks) or give only by name ({@code unix:ino}).
 *
 * @param dev    the device, {@code makedev(stx_dev_major, stx_dev_minor)}
 * @param ino    the inode number
 * @param nlink  hard links to the inode
 * @param mode   file type and permission bits ({@code st_mode})
 * @param size   length in bytes
 * @param blocks 512-byte blocks the filesystem allocated ({@code st_blocks}), shared extents counted in full
 * @see <a href="https://man7.org/linux/man-pages/man2/statx.2.html">statx(2)</a>
 */
public record Stat(long dev, long ino, int nlink, int mode, long size, long blocks) {

    /** {@code S_IFDIR}. */
    public static final int S_IFDIR = 0040000;
    /** {@code S_IFREG}. */
    public static final int S_IFREG = 0100000;
    /** {@code S_IFLNK}. */
    public static final int S_IFLNK = 0120000;
    /** The unit of {@code st_blocks}, whatever the filesystem's block size. */
    public static final int BLOCK_UNIT = 512;

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** STATX_TYPE|MODE|NLINK|INO|SIZE|BLOCKS. */
    private static final int MASK = 0x1 | 0x2 | 0x4 | 0x100 | 0x200 | 0x400;
    /** {@code struct statx} is 256 bytes (linux/stat.h). */
    private static final long STATX_SIZE = 256;

    /** Stats {@code path} itself (a symlink is not followed). */
    public static Stat of(Path path) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.CAPTURE);
            MemorySegment buf = arena.allocate(STATX_SIZE, 8);
            int r = (int) Native.sys(
                    state,
                    Native.Sys.STATX,
                    AT_FDCWD,
                    arena.allocateFrom(path.toString(), StandardCharsets.UTF_8).address(),
                    AT_SYMLINK_NOFOLLOW,
                    MASK,
                    buf.address());
            if (r != 0) {
                throw new PosixException(path.toString(), "statx", Native.errno(state));
            }
            return new Stat(
                    Posix.makedev(buf.get(JAVA_INT, 136), buf.get(JAVA_INT, 140)),
                    buf.get(JAVA_LONG, 32),
                    buf.get(JAVA_INT, 16),
                    Short.toUnsignedInt(buf.get(JAVA_SHORT, 28)),
                    buf.get(JAVA_LONG, 40),
                    buf.get(JAVA_LONG, 48));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("statx failed", t);
        }
    }

    /** Bytes the filesystem allocated: {@code blocks * 512}. */
    public long allocatedBytes() {
        return blocks * BLOCK_UNIT;
    }

    public boolean isDirectory() {
        return (mode & Posix.S_IFMT) == S_IFDIR;
    }

    public boolean isRegularFile() {
        return (mode & Posix.S_IFMT) == S_IFREG;
    }

    public boolean isSymlink() {
        return (mode & Posix.S_IFMT) == S_IFLNK;
    }
}
